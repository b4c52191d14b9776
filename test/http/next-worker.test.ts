import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, SERVER_BUNDLE, startServer, type RunningServer } from '../helpers/server';
import { ADMIN } from '../helpers/session';

/*
 * Next runs on a worker thread behind the main thread's listener (app/_server/main.ts). What it sees of a
 * request must not change for it: the client's address and HTTPS as the connecting socket and a trusted
 * proxy say, never as the client claims, and every header of its answer.
 */

async function signIn(server: RunningServer, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.baseUrl, ...headers },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
}

/** The address the audit log recorded for the latest sign-in. */
function lastLoginIp(server: RunningServer): string | null {
  const db = new Database(path.join(server.dataDir, 'switchboard.db'), { readonly: true });
  try {
    const row = db.prepare("SELECT ip FROM audit_log WHERE action = 'login.succeeded' ORDER BY id DESC LIMIT 1").get() as { ip: string | null };
    return row.ip;
  } finally {
    db.close();
  }
}

describe('behind no trusted proxy', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, TRUSTED_PROXY: '' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('records the connecting address, whatever the forwarding and peer headers claim', async () => {
    const response = await signIn(server, { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https', 'x-switchboard-peer': 'guess https 203.0.113.9' });
    expect(response.status).toBe(200);
    expect(lastLoginIp(server)).toBe('127.0.0.1');
    // Plain HTTP from the client's own socket: the session cookie is not marked Secure.
    expect(response.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it.runIf(fs.existsSync('/proc/thread-self'))('names its workers for the operating system and runs Next\'s below the webhooks\'', () => {
    const tasks = `/proc/${server.child.pid}/task`;
    // Each thread's name and niceness (the 19th field of its stat line, counted after the name).
    const threads = fs.readdirSync(tasks).map((task) => ({
      name: fs.readFileSync(`${tasks}/${task}/comm`, 'utf8').trim(),
      nice: Number(fs.readFileSync(`${tasks}/${task}/stat`, 'utf8').split(') ')[1].split(' ')[16]),
    }));
    expect(threads.filter((thread) => thread.name.startsWith('sb-')).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'sb-next', nice: 10 },
      { name: 'sb-webhooks', nice: 0 },
    ]);
    // Node's thread pool among the rest: started on the main thread, not by (and like) the Next worker.
    expect(threads.filter((thread) => !thread.name.startsWith('sb-')).every((thread) => thread.nice === 0)).toBe(true);
  });

  it('refuses a sign-in from another origin', async () => {
    const response = await signIn(server, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('passes every header of Next\'s answer back, and its status', async () => {
    const response = await fetch(`${server.baseUrl}/no-such-page`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(await response.text()).toContain('<html');
  });
});

describe('behind a trusted proxy on loopback', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, TRUSTED_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('believes the proxy\'s X-Forwarded-For and X-Forwarded-Proto', async () => {
    const response = await signIn(server, { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(200);
    expect(lastLoginIp(server)).toBe('198.51.100.4');
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});

describe('a Next worker that cannot start', () => {
  it('takes the whole server down instead of leaving the webhooks up without it', async () => {
    // The worker opens and migrates the database before anything serves; a path under a file cannot be opened.
    const child = spawn(process.execPath, [SERVER_BUNDLE], {
      cwd: path.resolve(path.dirname(SERVER_BUNDLE), '..'),
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_PATH: '/dev/null/switchboard.db', PORT: String(await freePort()), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('server.worker_exited');
    expect(output).not.toContain('server.listening');
  });
});
