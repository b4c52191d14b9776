import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { listApiRoutes, methodsInSource, samplePath } from '../helpers/routes';
import { ADMIN, authedFetch, FAKE_VONAGE, signIn, signInCookie } from '../helpers/session';

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));
const ROOT = path.resolve(__dirname, '..', '..');

/** Every page of the app; [id] is filled with a real flow. */
const PAGES = ['/', '/flows/[id]', '/account', '/admin/users', '/audit', '/settings'];
/** Webhooks and the few routes that are public by design (see test/integration/route-guard.test.ts for why). */
const PUBLIC = ['/api/voice/', '/api/health', '/api/auth/login', '/api/setup'];

let flowId = '';
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  const created = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'Security check', templateId: 'ivr-menu' }) });
  flowId = (await created.json()).flow.id;
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

const pagePath = (page: string) => page.replace('[id]', flowId);

describe('security headers', () => {
  it('are on every page and API response, with a fresh script nonce each time', async () => {
    const nonces = new Set<string>();
    for (const target of [...PAGES.map(pagePath), '/login', '/api/flows', '/api/health']) {
      const response = await api(target, { redirect: 'manual' });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect([target, csp]).toEqual([target, expect.stringContaining("frame-ancestors 'none'")]);
      nonces.add(/'nonce-([^']+)'/.exec(csp)?.[1] ?? '');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(nonces.size).toBe(PAGES.length + 3);
  });

  it('put the nonce on every script Next renders, the 404 page included', async () => {
    for (const target of [pagePath('/'), '/no/such/page']) {
      const response = await api(target);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1];
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    }
  });

  it('let every page hydrate in a real browser with nothing blocked', async () => {
    const { page, cspViolations } = browser;
    for (const target of PAGES.map(pagePath)) {
      await page.goto(`${baseUrl}${target}`);
      // React marks the DOM nodes it hydrated; a blocked script would leave none.
      await page.waitForFunction(() => Object.keys(document.querySelector('body > *') ?? {}).some((key) => key.startsWith('__react')));
    }
    expect(cspViolations).toEqual([]);
  });
});

describe('secrets', () => {
  it('never appear in a page, even the settings page that reports them', async () => {
    const settings = await (await api('/settings')).text();
    expect(settings.match(/>Set</g)).toHaveLength(Object.keys(FAKE_VONAGE).length);
    for (const target of [...PAGES.map(pagePath), '/login', '/api/health', '/api/flows', `/api/flows/${flowId}`]) {
      const body = await (await api(target)).text();
      for (const [name, value] of Object.entries(FAKE_VONAGE)) {
        expect([target, name, body.includes(value)]).toEqual([target, name, false]);
      }
    }
  });
});

describe('over HTTP, through the proxy', () => {
  it('every API route refuses an anonymous request with 401, every page sends it to sign in', async () => {
    const refusals: string[] = [];
    for (const route of listApiRoutes().filter((r) => !PUBLIC.some((prefix) => r.pattern.startsWith(prefix)))) {
      const methods = methodsInSource(route.file);
      expect([route.pattern, methods.length > 0]).toEqual([route.pattern, true]);
      for (const method of methods) {
        const response = await fetch(`${baseUrl}${samplePath(route.pattern).path}`, { method, headers: { origin: baseUrl, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        if (response.status !== 401) refusals.push(`${method} ${route.pattern} → ${response.status}`);
      }
    }
    expect(refusals).toEqual([]);
    for (const target of PAGES.map(pagePath)) {
      const response = await fetch(`${baseUrl}${target}`, { redirect: 'manual' });
      expect([target, response.status, response.headers.get('location')]).toEqual([target, 307, `/login?next=${encodeURIComponent(target)}`]);
    }
  });

  it('a signed-in browser’s write needs Switchboard’s Origin', async () => {
    const cookie = await signInCookie(baseUrl, ADMIN.email, ADMIN.password);
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl}/api/flows`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ name: 'Origin check' }) });
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ origin: baseUrl })).status).toBe(201);
  });
});

describe('server actions', () => {
  /** Files declaring server functions ('use server' at the top of a module or inside a function). */
  function sourcesWithServerActions(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourcesWithServerActions(full);
      return /\.(ts|tsx)$/.test(entry.name) && /['"]use server['"]/.test(fs.readFileSync(full, 'utf8')) ? [full] : [];
    });
  }

  it('are all refused to an anonymous caller: every action the build registered', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8'));
    expect(manifest).toHaveProperty('node');
    expect(manifest).toHaveProperty('edge');
    const actions = Object.entries(manifest.node as Record<string, { workers: Record<string, unknown> }>);
    // The manifest and the source agree: Switchboard changes data through the REST API only, so both are empty.
    expect(actions.length > 0).toBe(sourcesWithServerActions(path.join(ROOT, 'app')).length > 0);
    for (const [id, action] of actions) {
      for (const worker of Object.keys(action.workers)) {
        const page = worker.replace(/^app/, '').replace(/\/page$/, '') || '/';
        const response = await fetch(`${baseUrl}${page}`, { method: 'POST', headers: { 'next-action': id, origin: baseUrl, 'content-type': 'text/plain' }, body: '[]', redirect: 'manual' });
        const to = response.headers.get('location') ?? response.headers.get('x-action-redirect') ?? '';
        expect([id, page, [401, 403].includes(response.status) || to.startsWith('/login') || to.startsWith('/setup')]).toEqual([id, page, true]);
      }
    }
  });
});
