// `npm run bench:events [-- --events 300 --burst 3000 --concurrency 16 --seed 0]`: a benchmark, not a test.
// Starts the production build (`npm run build` first) on a free port with a scratch database, keeps one
// event stream open the way a browser's EventSource does, and reports:
//   - webhook-to-stream latency: the time from starting a POST to /api/voice/event until that event's
//     frame is read from GET /api/events/stream (p50/p95/p99/max over --events posts, one at a time);
//   - ingest rate: --burst events posted --concurrency at a time, events/s answered by the webhook, and
//     events/s delivered to the stream.
// --seed N first fills the event log with N events (straight into SQLite), to measure at 1,000,000.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '300' },
    burst: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '16' },
    seed: { type: 'string', default: '0' },
  },
});
const EVENTS = Number(args.events);
const BURST = Number(args.burst);
const CONCURRENCY = Number(args.concurrency);
const SEED = Number(args.seed);
const ADMIN = { email: 'bench@switchboard.test', password: 'benchmark password' };

if (!fs.existsSync(path.join(root, '.next', 'switchboard-server.js'))) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
const dbFile = path.join(dataDir, 'bench.db');
// The server `npm start` runs (app/_server/main.ts, bundled by `npm run build`).
const server = spawn(process.execPath, [path.join(root, '.next', 'switchboard-server.js')], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbFile, PUBLIC_BASE_URL: base, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, VONAGE_SIGNATURE_SECRET: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
};

try {
  await waitForServer();
  if (SEED > 0) seed(SEED);
  const cookie = await signIn();
  const stream = await openStream(cookie);

  // Latency: one webhook at a time, so each measures an idle path end to end.
  const latencies = [];
  for (let i = 0; i < EVENTS; i += 1) {
    const leg = `lat-${i}`;
    const arrived = stream.waitFor(leg);
    const start = performance.now();
    await postEvent(leg, i);
    latencies.push((await arrived) - start);
  }

  // Ingest: a burst, CONCURRENCY requests in flight.
  const legs = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
  const delivered = Promise.all(legs.map((leg) => stream.waitFor(leg)));
  const burstStart = performance.now();
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (nextIndex < legs.length) {
        const i = nextIndex++;
        await postEvent(legs[i], i);
      }
    }),
  );
  const answeredMs = performance.now() - burstStart;
  const lastDelivery = Math.max(...(await delivered));
  const deliveredMs = lastDelivery - burstStart;
  stream.close();

  // Reads the calls page and the editor make, at this size (median of 20 each).
  const reads = {};
  for (const [label, url] of [
    ['calls, first page', '/api/calls'],
    ['calls, by part of a number', '/api/calls?number=0090012'],
    ['calls, one status, second page', `/api/calls?status=completed&cursor=${await secondPageCursor(cookie)}`],
    ['one call and its events', '/api/calls/seed-42'],
    ['a flow-less event page', '/api/events?limit=100'],
  ]) reads[label] = await medianMs(`${base}${url}`, cookie);

  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  const stored = new Database(dbFile, { readonly: true }).prepare('SELECT count(*) AS n FROM webhook_events').get().n;
  console.log(`\nSwitchboard event pipeline benchmark (${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log(`event log size at start: ${SEED.toLocaleString('en')} seeded events; ${stored.toLocaleString('en')} after the run`);
  console.log(`webhook → stream latency over ${EVENTS} sequential posts: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1).toFixed(1)} ms`);
  console.log(`ingest: ${BURST} events, ${CONCURRENCY} in flight: ${(BURST / (answeredMs / 1000)).toFixed(0)} events/s answered, ${(BURST / (deliveredMs / 1000)).toFixed(0)} events/s delivered to the stream`);
  for (const [label, ms] of Object.entries(reads)) console.log(`GET ${label}: ${ms.toFixed(1)} ms (median of 20)`);
  console.log(JSON.stringify({ reads, seed: SEED, events: EVENTS, p50: Number(pct(50)), p95: Number(pct(95)), p99: Number(pct(99)), max: latencies.at(-1), burst: BURST, concurrency: CONCURRENCY, answeredPerSecond: BURST / (answeredMs / 1000), deliveredPerSecond: BURST / (deliveredMs / 1000) }));
} finally {
  stop();
}

async function waitForServer() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function medianMs(url, cookie) {
  const times = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10];
}

async function secondPageCursor(cookie) {
  const page = await (await fetch(`${base}/api/calls?status=completed`, { headers: { cookie } })).json();
  return page.nextCursor ?? '';
}

async function signIn() {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(ADMIN) });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

function postEvent(leg, i) {
  const body = JSON.stringify({ from: '447700900002', to: '447700900000', uuid: leg, conversation_uuid: `CON-${leg}`, status: 'ringing', direction: 'inbound', timestamp: new Date(Date.UTC(2026, 0, 1) + i).toISOString() });
  return fetch(`${base}/api/voice/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => {
    if (r.status !== 200) throw new Error(`the webhook answered ${r.status}`);
  });
}

/** Reads the stream as EventSource would; `waitFor(leg)` resolves with the time that leg's event arrived. */
async function openStream(cookie) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/events/stream`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  const arrivals = new Map();
  const waiters = new Map();
  (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        const now = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const leg = JSON.parse(data.slice(6)).legUuid;
          arrivals.set(leg, now);
          waiters.get(leg)?.(now);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return {
    waitFor: (leg) => (arrivals.has(leg) ? Promise.resolve(arrivals.get(leg)) : new Promise((resolve) => waiters.set(leg, resolve))),
    close: () => controller.abort(),
  };
}

/** Fills the event log with `count` events, spread over 50,000 calls, as fast as SQLite takes them. */
function seed(count) {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 5000');
  const call = db.prepare(`INSERT INTO calls (uuid, conversation_uuid, "from", "to", number, status, started_at, updated_at, simulated, voicemail, transferred) VALUES (?, ?, ?, '447700900000', '447700900000', 'completed', ?, ?, 0, 0, 0)`);
  const event = db.prepare(`INSERT INTO webhook_events (source, type, call_uuid, conversation_uuid, status, payload, parsed_ok, received_at, simulated) VALUES ('voice', 'voice:ringing', ?, ?, 'ringing', '{"status":"ringing"}', 1, ?, 0)`);
  const calls = Math.min(50_000, count);
  const now = Date.now();
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < calls; i += 1) call.run(`seed-${i}`, `CON-seed-${i}`, `4477009${String(i % 100000).padStart(5, '0')}`, now - i * 1000, now - i * 1000);
    for (let i = 0; i < count; i += 1) event.run(`seed-${i % calls}`, `CON-seed-${i % calls}`, now - i);
  })();
  db.close();
  console.log(`seeded ${count.toLocaleString('en')} events over ${calls.toLocaleString('en')} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
