import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type RunningServer = { baseUrl: string; dataDir: string; stop: () => Promise<void> };

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const root = path.resolve(__dirname, '..', '..');
/** What `npm start` runs: the custom server (app/_server/main.ts) bundled by `npm run build`. */
export const SERVER_BUNDLE = path.join(root, '.next', 'switchboard-server.js');
/** The worker threads it runs Next and the webhook handlers on (app/_server/next-worker.ts, webhook-worker.ts). */
const WORKER_BUNDLES = ['switchboard-next-worker.js', 'switchboard-webhook-worker.js'].map((name) => path.join(root, '.next', name));

/**
 * Starts the production build (the server `npm start` runs) on a free port with its own empty database,
 * and waits until it answers. The build must already exist (`npm test` builds first). `dataDir` reuses a
 * database folder (a restart after a crash).
 */
export async function startServer(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<RunningServer & { child: ChildProcess }> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || !fs.existsSync(SERVER_BUNDLE) || !WORKER_BUNDLES.every((bundle) => fs.existsSync(bundle))) {
    throw new Error('No production build: run `npm run build` (or `npm test`, which builds first).');
  }
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_PATH: path.join(dataDir, 'switchboard.db'),
      PUBLIC_BASE_URL: baseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // Poll until the server answers; the loop is bounded and each attempt waits on a real request.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    dataDir,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
