import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/lib/flow/document';
import { getTemplate, templates } from '@/lib/flow/templates';
import { NccoSchema, type Ncco } from '@/lib/ncco';
import { describeTrace } from '@/lib/preview/describe-trace';
import { HTTP_NOT_SENT, type PreviewDeps } from '@/lib/preview/preview-env';
import { previewNcco, type PreviewInput } from '@/lib/preview/preview-ncco';
import type { PreviewResult } from '@/lib/preview/preview-result';
import { parseVarLines } from '@/lib/preview/var-lines';
import { continuationTokenIn } from '@/lib/voice/urls';
import { compiled } from '@/test/helpers/engine-driver';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';

const BASE = 'https://switchboard.test';
const TUESDAY_MORNING = new Date('2026-03-10T10:15:00Z');

const template = (id: string): FlowDocument => {
  const found = getTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found.build().document;
};

function preview(document: FlowDocument, nodeId: string, options: Partial<Omit<PreviewInput, 'document' | 'nodeId'>> & Partial<PreviewDeps> = {}) {
  const { resolveFlow = () => null, ...input } = options;
  return previewNcco(
    { document, nodeId, call: { from: '447700900999', to: '447700900000' }, at: TUESDAY_MORNING, vars: {}, ...input },
    { publicBaseUrl: BASE, resolveFlow },
  );
}

function nccoOf(result: PreviewResult): Ncco {
  if (!result.ok) throw new Error(`expected an NCCO, got ${JSON.stringify(result)}`);
  return result.ncco;
}

const eventUrls = (ncco: Ncco) => ncco.flatMap((a) => ('eventUrl' in a && a.eventUrl ? a.eventUrl : []));
const texts = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : []));

describe('previewNcco', () => {
  it('previews a menu as its prompt and an input whose eventUrl is a readable placeholder, not a token', async () => {
    const result = await preview(template('ivr-menu'), 'main-menu');
    const ncco = nccoOf(result);
    expect(ncco.map((a) => a.action)).toEqual(['talk', 'input']);
    expect(texts(ncco)).toEqual(['For sales, press 1. For support, press 2. To speak to an operator, press 0.']);
    expect(eventUrls(ncco)).toEqual([`${BASE}/api/voice/continue/input:main-menu:0`]);
    expect(continuationTokenIn(eventUrls(ncco)[0])).toBeNull();
    expect(result.ok && describeTrace(result.trace, template('ivr-menu')).map((l) => l.text)).toEqual(['Entered Menu', "Waits for the caller's input"]);
  });

  it.each([
    { at: '2026-03-10T10:15:00Z', path: 'open', first: 'connect', reason: 'Europe/London 10:15 Tue' },
    { at: '2026-03-10T20:15:00Z', path: 'closed', first: 'talk', reason: 'Europe/London 20:15 Tue' },
    // British Summer Time: 08:30 UTC is 09:30 in London, so open.
    { at: '2026-07-07T08:30:00Z', path: 'open', first: 'connect', reason: 'Europe/London 09:30 Tue' },
    { at: '2026-12-25T10:15:00Z', path: 'holiday', first: 'talk', reason: 'Christmas Day' },
  ])('decides Business hours by the sample time: $at is $path', async ({ at, path, first, reason }) => {
    const document = template('business-hours');
    const result = await preview(document, 'office-hours', { at: new Date(at) });
    expect(nccoOf(result)[0].action).toBe(first);
    if (!result.ok) return;
    const line = describeTrace(result.trace, document)[0];
    expect(line.text).toBe(`Entered Business hours → ${path}`);
    expect(line.detail).toContain(reason);
  });

  it('does not send an HTTP request: the node takes its error output and the trace says why', async () => {
    const document = flow(
      nodes(
        node('start'),
        node('http', { url: 'https://crm.example.com/customers?phone={{call.from}}' }),
        node('say', { text: 'Found you' }, 'ok'),
        node('say', { text: 'Sorry, our systems are slow' }, 'failed'),
      ),
      edges('start>http', 'http.success>ok', 'http.error>failed'),
    );
    const result = await preview(document, 'start');
    expect(texts(nccoOf(result))).toEqual(['Sorry, our systems are slow']);
    if (!result.ok) return;
    expect(result.trace).toContainEqual(
      expect.objectContaining({ type: 'http', url: 'https://crm.example.com/customers?phone=447700900999', failure: 'refused', status: null }),
    );
    expect(result.trace).toContainEqual(expect.objectContaining({ type: 'decision', handle: 'error', reason: HTTP_NOT_SENT }));
    expect(describeTrace(result.trace, document)).toContainEqual(
      expect.objectContaining({ text: 'HTTP request not sent in preview → error', detail: 'GET https://crm.example.com/customers?phone=447700900999' }),
    );
  });

  it('fills templates from the sample call and the variables given', async () => {
    const document = flow(nodes(node('start'), node('say', { text: 'Hello {{name}}, you called {{call.to}} from {{call.from}}' })), edges('start>say'));
    const result = await preview(document, 'say', { vars: { name: 'Ann' }, call: { from: '447700900123', to: '447700900456' } });
    expect(texts(nccoOf(result))).toEqual(['Hello Ann, you called 447700900456 from 447700900123']);
  });

  it('ends with a resume notify, placeholder URL, when a server-side node follows an action', async () => {
    const document = template('ivr-menu');
    document.nodes.push(node('hours', {}, 'later'));
    document.edges = document.edges.map((e) => (e.source === 'welcome' ? { ...e, target: 'later' } : e));
    const result = await preview(document, 'welcome');
    const ncco = nccoOf(result);
    expect(ncco.map((a) => a.action)).toEqual(['talk', 'notify']);
    expect(eventUrls(ncco)).toEqual([`${BASE}/api/voice/continue/resume:later:0`]);
    expect(result.ok && describeTrace(result.trace, document).at(-1)?.text).toBe('Decided later by a notify continuation');
  });

  it('sends no notification and says so', async () => {
    const document = flow(
      nodes(node('start'), node('notify', { url: 'https://hooks.example.com/calls' }), node('say', { text: 'Bye' })),
      edges('start>notify', 'notify>say'),
    );
    const result = await preview(document, 'notify');
    expect(texts(nccoOf(result))).toEqual(['Bye']);
    expect(result.ok && result.trace).toContainEqual({
      type: 'note',
      nodeId: 'notify',
      message: 'Notification not sent in a preview: it would POST its message to https://hooks.example.com/calls',
    });
  });

  it('follows Go to flow into the version the resolver gives, and fails clearly without one', async () => {
    const document = flow(nodes(node('start'), node('goto', { flowId: 'flow_sales' })), edges('start>goto'));
    const target = { ...compiled(template('ivr-menu')), versionId: 'ver_sales_3' };
    const asked: string[] = [];
    const followed = await preview(document, 'goto', { resolveFlow: (id) => (asked.push(id), target) });
    expect(asked).toEqual(['flow_sales']);
    expect(texts(nccoOf(followed))).toEqual(['Thank you for calling Example Company.', expect.stringContaining('For sales, press 1')]);

    const missing = await preview(document, 'goto');
    expect(missing).toMatchObject({ ok: false, reason: 'runtime_error', code: 'unknown_flow', nodeId: 'goto' });
  });

  it('lists the problems of an invalid draft on the way, and ignores half-filled nodes the call cannot reach', async () => {
    const document = template('ivr-menu');
    document.nodes.push(node('say', { text: '' }, 'unfinished'));
    expect(nccoOf(await preview(document, 'main-menu'))[0].action).toBe('talk');

    document.edges = document.edges.map((e) => (e.source === 'welcome' ? { ...e, target: 'unfinished' } : e));
    const result = await preview(document, 'start');
    expect(result).toEqual({ ok: false, reason: 'invalid_flow', problems: [{ nodeId: 'unfinished', message: expect.stringContaining('unfinished') }] });
  });

  it.each([
    { name: 'a node that does not exist', nodeId: 'nowhere', code: 'unknown_node' },
    { name: 'a Note', nodeId: 'memo', code: 'invalid_graph' },
  ])('reports a runtime error for $name', async ({ nodeId, code }) => {
    const document = flow(nodes(node('start'), node('note', { text: 'Remember' }, 'memo')));
    expect(await preview(document, nodeId)).toMatchObject({ ok: false, reason: 'runtime_error', code, trace: [expect.objectContaining({ type: 'error' })] });
  });

  it('gives a valid NCCO from every node of every template, at any hour', async () => {
    for (const { id } of templates) {
      const document = template(id);
      for (const { id: nodeId, kind } of document.nodes) {
        if (kind === 'note') continue;
        for (const at of ['2026-03-10T10:15:00Z', '2026-03-15T03:00:00Z', '2026-12-24T15:00:00Z']) {
          const result = await preview(document, nodeId, { at: new Date(at) });
          expect(result, `${id} from ${nodeId} at ${at}`).toMatchObject({ ok: true, valid: true, issues: [] });
          expect(NccoSchema.safeParse(nccoOf(result)).success).toBe(true);
          for (const url of eventUrls(nccoOf(result))) expect(continuationTokenIn(url)).toBeNull();
        }
      }
    }
  });
});

describe('parseVarLines', () => {
  it.each([
    { text: '', vars: {}, errors: [] },
    { text: 'tier=gold\n\n  lang = en \nquery=a=b', vars: { tier: 'gold', lang: 'en', query: 'a=b' }, errors: [] },
    { text: 'empty=', vars: { empty: '' }, errors: [] },
    { text: 'no equals', vars: {}, errors: ['Line 1: write name=value'] },
    { text: 'ok=1\n2bad=x', vars: { ok: '1' }, errors: ['Line 2: "2bad" is not a variable name (letters, digits and _)'] },
    { text: 'a=1\na=2', vars: { a: '1' }, errors: ['Line 2: a is set twice'] },
  ])('reads $text', ({ text, vars, errors }) => {
    expect(parseVarLines(text)).toEqual({ vars, errors });
  });

  it('refuses more than 50 variables', () => {
    const text = Array.from({ length: 51 }, (_, i) => `v${i}=${i}`).join('\n');
    expect(parseVarLines(text).errors).toEqual(['At most 50 variables']);
  });
});
