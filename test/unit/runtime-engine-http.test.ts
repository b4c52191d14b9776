import { describe, expect, it } from 'vitest';
import { HTTP_BUDGET_MS, RuntimeError, type HttpRequest, type HttpResult, type TraceStep } from '@/lib/runtime/engine';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';
import { answer, callThrough, nccoOf, testEnv } from '@/test/helpers/engine-driver';

const json = (body: unknown, status = 200, durationMs = 40): HttpResult => ({ type: 'response', status, contentType: 'application/json', body, durationMs });

/** Start → HTTP request → Say naming the output (with the stored variables). */
function httpFlow(patch: Record<string, unknown> = {}, said = 'success {{tier}}') {
  return flow(
    nodes(
      node('start'),
      node('http', { url: 'https://crm.example.com/customers?phone={{call.from}}', ...patch }),
      node('say', { text: said }, 'ok'),
      node('say', { text: 'error' }, 'failed'),
    ),
    edges('start>http', 'http.success>ok', 'http.error>failed'),
  );
}

async function spokenAfter(document: ReturnType<typeof flow>, respond: (req: HttpRequest) => HttpResult | Promise<HttpResult>) {
  const env = testEnv({ http: respond });
  const call = callThrough(document, { env });
  const [first] = await call.play([answer]);
  return { said: nccoOf(first).map((a) => (a as { text?: string }).text), env, call, trace: call.traces[0] };
}

describe('HTTP request node', () => {
  it.each([
    { name: '200 JSON', result: json({ customer: { tier: 'gold' } }), said: 'success gold' },
    { name: '204 without a body', result: { type: 'response', status: 204, contentType: '', body: '', durationMs: 5 } as HttpResult, said: 'success ' },
    { name: '404', result: json({ error: 'nope' }, 404), said: 'error' },
    { name: '500', result: json({}, 500), said: 'error' },
    { name: 'a redirect left unfollowed', result: json({}, 302), said: 'error' },
    { name: 'a timeout', result: { type: 'failure', reason: 'timeout', message: 'slow', durationMs: 2000 } as HttpResult, said: 'error' },
    { name: 'a refused address', result: { type: 'failure', reason: 'refused', message: 'private', durationMs: 1 } as HttpResult, said: 'error' },
  ])('takes the right output for $name', async ({ result, said }) => {
    const document = httpFlow({ responseMap: [{ id: 'r1', variable: 'tier', path: 'customer.tier' }] });
    expect((await spokenAfter(document, () => result)).said).toEqual([said]);
  });

  it('takes error when the executor throws', async () => {
    const { said, trace } = await spokenAfter(httpFlow(), () => {
      throw new Error('socket hang up');
    });
    expect(said).toEqual(['error']);
    expect(trace).toContainEqual(expect.objectContaining({ type: 'http', failure: 'network', status: null }));
  });

  it('maps the JSON answer into variables', async () => {
    const responseMap = [
      { id: 'a', variable: 'tier', path: 'customer.tier' },
      { id: 'b', variable: 'first_item', path: 'items.0.name' },
      { id: 'c', variable: 'vip', path: 'customer.vip' },
      { id: 'd', variable: 'score', path: 'customer.score' },
      { id: 'e', variable: 'address', path: 'customer.address' },
      { id: 'f', variable: 'missing', path: 'customer.nothing.here' },
      { id: 'g', variable: 'sneaky', path: '__proto__.polluted' },
      { id: 'h', variable: 'nothing', path: 'customer.nothing' },
    ];
    const body = { customer: { tier: 'gold', vip: true, score: 7.5, address: { city: 'Leeds' }, nothing: null }, items: [{ name: 'router' }] };
    const { call, trace } = await spokenAfter(httpFlow({ responseMap }), () => json(body));
    expect(call.state.vars).toEqual({
      tier: 'gold',
      first_item: 'router',
      vip: true,
      score: 7.5,
      address: '{"city":"Leeds"}',
      missing: null,
      sneaky: null,
      nothing: null,
    });
    expect(trace).toContainEqual(expect.objectContaining({ type: 'note', message: expect.stringContaining('customer.nothing.here, __proto__.polluted') }));
  });

  it('sends what the node says, with values escaped for where they go', async () => {
    const document = httpFlow({
      method: 'POST',
      url: 'https://crm.example.com/lookup?q={{query}}',
      headers: [{ id: 'h', name: 'Authorization', value: 'Bearer {{token}}' }],
      body: '{ "phone": "{{call.from}}", "note": "{{query}}" }',
      timeoutMs: 1500,
    });
    const env = testEnv({ http: () => json({}) });
    const call = callThrough(flow([node('set', { assignments: [{ id: 'a', name: 'query', value: 'a&b "c"' }, { id: 'b', name: 'token', value: 't0k' }] }), ...document.nodes], [...edges('start>set', 'set>http'), ...document.edges.filter((e) => e.source !== 'start')]), { env });
    await call.play([answer]);
    expect(env.requests).toEqual([
      {
        method: 'POST',
        url: 'https://crm.example.com/lookup?q=a%26b%20%22c%22',
        headers: { Authorization: 'Bearer t0k', 'content-type': 'application/json' },
        body: '{ "phone": "447700900555", "note": "a&b \\"c\\"" }',
        timeoutMs: 1500,
      },
    ]);
    expect(JSON.parse(env.requests[0].body!)).toEqual({ phone: '447700900555', note: 'a&b "c"' });
  });

  it.each([
    { method: 'GET', body: '{"x":1}', sent: undefined, type: undefined },
    { method: 'DELETE', body: '{"x":1}', sent: undefined, type: undefined },
    { method: 'PUT', body: 'plain {{call.from}}', sent: 'plain 447700900555', type: undefined },
    { method: 'PATCH', body: '', sent: undefined, type: undefined },
    { method: 'POST', body: '{"x":1}', sent: '{"x":1}', type: 'application/json' },
  ])('$method with body "$body" sends $sent', async ({ method, body, sent, type }) => {
    const { env } = await spokenAfter(httpFlow({ method, body }), () => json({}));
    expect(env.requests[0].body).toBe(sent);
    expect(env.requests[0].headers['content-type']).toBe(type);
  });

  it('keeps a content type the node sets itself', async () => {
    const headers = [{ id: 'h', name: 'Content-Type', value: 'application/vnd.api+json' }];
    const { env } = await spokenAfter(httpFlow({ method: 'POST', body: '{}', headers }), () => json({}));
    expect(env.requests[0].headers).toEqual({ 'Content-Type': 'application/vnd.api+json' });
  });

  it.each([
    { name: 'a URL that stops being one', patch: { url: 'https://{{host}}/x' }, vars: { host: 'bad host' } },
    { name: 'a header with a line break', patch: { headers: [{ id: 'h', name: 'X-Caller', value: '{{host}}' }] }, vars: { host: 'a\r\nX-Evil: 1' } },
    { name: 'a JSON body broken by a bare value', patch: { method: 'POST', body: '{ "n": {{host}} }' }, vars: { host: 'not json' } },
  ])('fails the call on $name', async ({ patch, vars }) => {
    const document = httpFlow(patch);
    const set = node('set', { assignments: Object.entries(vars).map(([name, value], i) => ({ id: `a${i}`, name, value })) });
    const withVars = flow([...document.nodes, set], [...edges('start>set', 'set>http'), ...document.edges.filter((e) => e.source !== 'start')]);
    const env = testEnv({ http: () => json({}) });
    const run = callThrough(withVars, { env }).play([answer]);
    await expect(run).rejects.toBeInstanceOf(RuntimeError);
    await expect(run).rejects.toMatchObject({ code: 'template_invalid', nodeId: 'http' });
    expect(env.requests).toEqual([]);
  });
});

describe('the HTTP budget of one webhook', () => {
  /** Four requests in a row, each asking for 2 s, against a service that takes 1.5 s unless cut short. */
  const chain = () =>
    flow(
      nodes(
        node('start'),
        ...['h1', 'h2', 'h3', 'h4'].map((id) => node('http', { url: `https://crm.example.com/${id}`, timeoutMs: 2000 }, id)),
        node('say', { text: 'done' }, 'done'),
        node('say', { text: 'gave up at {{where}}' }, 'gave-up'),
      ),
      edges(
        'start>h1',
        'h1.success>h2',
        'h2.success>h3',
        'h3.success>h4',
        'h4.success>done',
        ...['h1', 'h2', 'h3', 'h4'].map((id) => `${id}.error>gave-up`),
      ),
    );
  const slowService = (req: HttpRequest): HttpResult =>
    req.timeoutMs < 1500 ? { type: 'failure', reason: 'timeout', message: 'cut short', durationMs: req.timeoutMs } : json({}, 200, 1500);

  it(`gives each request at most what is left of ${HTTP_BUDGET_MS} ms, then none`, async () => {
    const env = testEnv({ http: slowService });
    const call = callThrough(chain(), { env });
    await call.play([answer]);
    expect(env.requests.map((r) => [r.url.split('/').at(-1), r.timeoutMs])).toEqual([
      ['h1', 2000],
      ['h2', 2000],
      ['h3', 500],
    ]);
    const http = call.traces[0].filter((s): s is Extract<TraceStep, { type: 'http' }> => s.type === 'http');
    expect(http.map((s) => [s.nodeId, s.durationMs, s.failure])).toEqual([
      ['h1', 1500, null],
      ['h2', 1500, null],
      ['h3', 500, 'timeout'],
    ]);
  });

  it('goes straight to error once the budget is spent', async () => {
    const fast = (req: HttpRequest) => json({}, 200, Math.min(req.timeoutMs, 1200));
    const env = testEnv({ http: fast });
    const call = callThrough(chain(), { env });
    const [first] = await call.play([answer]);
    // 1200 + 1200 + 1100 (the rest) spends it all; h4 is never sent.
    expect(env.requests.map((r) => r.timeoutMs)).toEqual([2000, 2000, 1100]);
    expect(call.traces[0]).toContainEqual({ type: 'http', nodeId: 'h4', method: 'GET', url: 'https://crm.example.com/h4', status: null, durationMs: 0, failure: 'budget' });
    expect(nccoOf(first)).toEqual([{ action: 'talk', text: 'gave up at ', language: 'en-US' }]);
  });

  it('starts afresh on every webhook', async () => {
    const document = flow(
      nodes(node('start'), node('http', { url: 'https://crm.example.com/x', timeoutMs: 4000 }), node('say', { text: 'Hi.' }), node('http', { url: 'https://crm.example.com/y', timeoutMs: 4000 }, 'again')),
      edges('start>http', 'http.success>say', 'say>again'),
    );
    const env = testEnv({ http: (req) => json({}, 200, req.timeoutMs) });
    const call = callThrough(document, { env });
    await call.play([answer, { webhook: 'resume' }]);
    expect(env.requests.map((r) => r.timeoutMs)).toEqual([HTTP_BUDGET_MS, HTTP_BUDGET_MS]);
  });
});
