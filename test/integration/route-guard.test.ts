import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { createTestUser } from '../helpers/auth';
import { listApiRoutes, methodsOf, samplePath, type HttpMethod } from '../helpers/routes';

/*
 * Every route handler under app/api, found on disk (not a hand list) and called in-process through its
 * exported method handlers: each must refuse an anonymous request (401) and a viewer's write (403), and
 * let through exactly the least role the matrix below gives it. A new route fails here until it is
 * added to the matrix, which is how its access gets decided on purpose.
 */

const PUBLIC_ORIGIN = 'https://sb.example.com';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-guard-'));
// The routes use the process-wide database and configuration, read from the environment on first use.
process.env.DATABASE_PATH = path.join(dataDir, 'guard.db');
process.env.PUBLIC_BASE_URL = PUBLIC_ORIGIN;

/** Path prefixes anyone may call, and why. Everything else must answer an anonymous request with 401. */
const PUBLIC_PREFIXES: Record<string, string> = {
  '/api/voice/': 'Vonage webhooks: Vonage signs them (VONAGE_SIGNATURE_SECRET); continuation URLs carry HMAC tokens',
  '/api/health': 'uptime monitors; answers only yes/no',
  '/api/auth/login': 'signing in is how a visitor stops being anonymous (Origin-checked, rate-limited)',
  '/api/setup': 'first run only: creates the first admin, answers 404 once any account exists',
};

/** Writes any signed-in user may make: they concern only the caller, or change nothing. */
const SELF_SERVICE = new Set([
  'POST /api/auth/logout',
  'POST /api/account/password',
  'POST /api/tokens',
  'DELETE /api/tokens/[id]',
  // A POST only because the draft document travels in the body; the preview runs nothing for real.
  'POST /api/flows/[id]/preview',
]);

/** The least role for each guarded route and method: the role matrix as the API enforces it. */
const LEAST_ROLE: Record<string, Role> = {
  'POST /api/account/password': 'viewer',
  'GET /api/audit': 'admin',
  'GET /api/calls': 'viewer',
  'GET /api/calls/[uuid]': 'viewer',
  'GET /api/events': 'viewer',
  'GET /api/events/stream': 'viewer',
  'GET /api/recordings': 'viewer',
  'GET /api/recordings/[id]/audio': 'viewer',
  'POST /api/auth/logout': 'viewer',
  'GET /api/flows': 'viewer',
  'POST /api/flows': 'editor',
  'GET /api/flows/[id]': 'viewer',
  'PUT /api/flows/[id]': 'editor',
  'DELETE /api/flows/[id]': 'editor',
  'POST /api/flows/[id]/preview': 'viewer',
  'GET /api/flows/[id]/versions': 'viewer',
  'POST /api/flows/[id]/versions': 'editor',
  'GET /api/flows/[id]/versions/[versionId]': 'viewer',
  'POST /api/flows/[id]/publish': 'editor',
  'POST /api/flows/[id]/rollback': 'editor',
  'GET /api/flows/[id]/diff': 'viewer',
  'GET /api/flows/[id]/scenarios': 'viewer',
  'POST /api/flows/[id]/scenarios': 'editor',
  'GET /api/flows/[id]/scenarios/[scenarioId]': 'viewer',
  'PUT /api/flows/[id]/scenarios/[scenarioId]': 'editor',
  'DELETE /api/flows/[id]/scenarios/[scenarioId]': 'editor',
  'POST /api/flows/[id]/scenarios/run': 'editor',
  'POST /api/simulator/calls': 'editor',
  'GET /api/simulator/calls/[id]': 'viewer',
  'POST /api/simulator/calls/[id]/actions': 'editor',
  'GET /api/numbers': 'viewer',
  'POST /api/numbers': 'admin',
  'GET /api/numbers/[number]': 'viewer',
  'PUT /api/numbers/[number]': 'editor',
  'DELETE /api/numbers/[number]': 'admin',
  'PATCH /api/numbers/[number]': 'editor',
  'GET /api/vonage/health': 'editor',
  'POST /api/vonage/application': 'admin',
  'GET /api/flows/[id]/test-call/outbound': 'editor',
  'POST /api/flows/[id]/test-call/outbound': 'editor',
  'GET /api/templates': 'viewer',
  'GET /api/tokens': 'viewer',
  'POST /api/tokens': 'viewer',
  'DELETE /api/tokens/[id]': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/[id]': 'admin',
};

const BELOW: Record<Role, Role | null> = { viewer: null, editor: 'viewer', admin: 'editor' };

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type Endpoint = { key: string; pattern: string; method: HttpMethod; handler: Handler; isPublic: boolean };

const routes = listApiRoutes();
let endpoints: Endpoint[] = [];
const credentials = new Map<Role, { email: string; token: string }>();

beforeAll(async () => {
  const [{ db }, { createSession }, { createApiToken }, { config }] = await Promise.all([
    import('@/lib/db'),
    import('@/lib/auth/sessions'),
    import('@/lib/auth/tokens'),
    import('@/lib/config'),
  ]);
  expect(config().PUBLIC_BASE_URL).toBe(PUBLIC_ORIGIN);
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const user = await createTestUser(db(), { role });
    credentials.set(role, { email: user.email, token: createApiToken(db(), user.id, 'guard test').secret });
  }
  sessionFor = (role) => {
    const user = credentials.get(role)!;
    const owner = db().query.users.findFirst({ where: (u, { eq }) => eq(u.email, user.email) }).sync();
    return createSession(db(), owner!.id, { ip: null, userAgent: 'guard test' }, { days: 1, idleMinutes: 60 }).token;
  };
  for (const route of routes) {
    const isPublic = Object.keys(PUBLIC_PREFIXES).some((prefix) => route.pattern === prefix || route.pattern.startsWith(prefix));
    // Public routes are listed, not called: webhooks are another engineer's, tested with signed requests.
    if (isPublic) {
      endpoints.push({ key: `* ${route.pattern}`, pattern: route.pattern, method: 'GET', handler: () => new Response(), isPublic });
      continue;
    }
    const module: Record<string, unknown> = await import(route.file);
    for (const method of methodsOf(module)) {
      endpoints.push({ key: `${method} ${route.pattern}`, pattern: route.pattern, method, handler: module[method] as Handler, isPublic });
    }
  }
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

let sessionFor: (role: Role) => string = () => {
  throw new Error('not set up');
};

async function call(endpoint: Endpoint, headers: Record<string, string>): Promise<number> {
  const { path: url, params } = samplePath(endpoint.pattern);
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(endpoint.method);
  const request = new Request(`${PUBLIC_ORIGIN}${url}`, { method: endpoint.method, headers, ...(hasBody && { body: '{}' }) });
  return (await endpoint.handler(request, { params: Promise.resolve(params) })).status;
}

const guarded = () => endpoints.filter((e) => !e.isPublic);
const asSession = (role: Role) => ({ cookie: `switchboard_session=${sessionFor(role)}`, origin: PUBLIC_ORIGIN });
const asToken = (role: Role) => ({ authorization: `Bearer ${credentials.get(role)!.token}` });

describe('every API route', () => {
  it('is found on disk: the management API, the account API and the webhooks', () => {
    const patterns = routes.map((r) => r.pattern);
    for (const expected of ['/api/flows', '/api/flows/[id]', '/api/flows/[id]/versions', '/api/numbers', '/api/numbers/[number]', '/api/templates', '/api/tokens', '/api/users', '/api/audit', '/api/health', '/api/auth/login']) {
      expect(patterns).toContain(expected);
    }
    expect(patterns.some((p) => p.startsWith('/api/voice/'))).toBe(true);
  });

  it('has its access decided in the matrix (public, or a least role per method)', () => {
    expect(guarded().map((e) => e.key).filter((key) => !(key in LEAST_ROLE))).toEqual([]);
    expect(Object.keys(LEAST_ROLE).filter((key) => !guarded().some((e) => e.key === key))).toEqual([]);
  });

  it('refuses an anonymous request with 401, unless it is public by design', async () => {
    const answers = await Promise.all(guarded().map(async (e) => [e.key, await call(e, { origin: PUBLIC_ORIGIN })] as const));
    expect(answers.filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('refuses a forged session cookie and a made-up token with 401', async () => {
    const forged = { cookie: 'switchboard_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', origin: PUBLIC_ORIGIN };
    const madeUp = { authorization: 'Bearer sb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    for (const headers of [forged, madeUp]) {
      const answers = await Promise.all(guarded().map(async (e) => [e.key, await call(e, headers)] as const));
      expect(answers.filter(([, status]) => status !== 401)).toEqual([]);
    }
  });

  it("refuses a viewer's write with 403, by session and by token", async () => {
    const writes = guarded().filter((e) => e.method !== 'GET' && !SELF_SERVICE.has(e.key));
    expect(writes.length).toBeGreaterThan(8);
    for (const headers of [() => asSession('viewer'), () => asToken('viewer')]) {
      const answers = await Promise.all(writes.map(async (e) => [e.key, await call(e, headers())] as const));
      expect(answers.filter(([, status]) => status !== 403)).toEqual([]);
    }
  });

  it('refuses a browser write without Switchboard’s Origin with 403, even for an admin', async () => {
    const writes = guarded().filter((e) => e.method !== 'GET');
    const answers = await Promise.all(writes.map(async (e) => [e.key, await call(e, { cookie: asSession('admin').cookie })] as const));
    expect(answers.filter(([, status]) => status !== 403)).toEqual([]);
  });

  it('lets the least role through and refuses the role below it', async () => {
    for (const endpoint of guarded()) {
      const need = LEAST_ROLE[endpoint.key];
      const passed = await call(endpoint, asSession(need));
      expect([endpoint.key, need, passed]).not.toEqual([endpoint.key, need, expect.toBeOneOf([401, 403])]);
      const below = BELOW[need];
      if (below) expect([endpoint.key, below, await call(endpoint, asSession(below))]).toEqual([endpoint.key, below, 403]);
    }
  });
});
