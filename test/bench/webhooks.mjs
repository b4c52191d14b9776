// `npm run bench [-- --duration 10 --connections 50 --warmup 3]`: a benchmark, not a test (`npm run build` first).
// In one run, with autocannon at --connections, each for --duration seconds after --warmup seconds of the same load:
//   (a) the answer webhook for a real template flow (business hours behind a branch), signed, every request a new
//       call (its calls row and its events written);
//   (b) the voice event webhook with Vonage's documented payloads (a fresh leg uuid each), signed and persisted;
//   (a′), (b′) (a) and (b) with random uuids, as Vonage's are (theirs count up: see --uuids);
//   (c) a bare node:http server answering a constant NCCO, started here: the ceiling of this machine;
//   (d) (a) again while an editing session loads and saves a 300-node flow through the API at an editor's pace;
//   (e) (a) again while headless Chromium (playwright-core, /usr/bin/chromium) opens that flow in the editor and
//       edits Say nodes' text (the editor autosaves), reloading the page every few edits. Chromium runs at idle
//       CPU priority: it stands in for the editor's own machine, not the server's.
// Prints req/s, p50, p90, p97.5 and p99 (where the tail starts), each route's ratio to (c), the server's CPU per
// request by thread, then checks every acknowledged event is in the database.
// --only answer|events|browsing runs just (a), (b) or (e) (for profiling with --profile DIR).
// --uuids random gives calls and legs random uuids, as Vonage's are, instead of counting them up, in every run.
// Counted uuids keep each uuid-keyed index appending at one end, so (a) and (b) show the server at its best.
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import RequestIterator from 'autocannon/lib/requestIterator.js';
import Database from 'better-sqlite3';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, warmup: { type: 'string', default: '3' }, profile: { type: 'string' }, only: { type: 'string' }, uuids: { type: 'string', default: 'counted' } } });
// Counted uuids put each call's index entries next to the last one's; random ones (Vonage's) land all over
// every uuid-keyed index, so each commit writes many more pages. The prefix keeps them countable afterwards.
if (!['counted', 'random'].includes(args.uuids)) throw new Error(`--uuids is counted or random, not ${args.uuids}`);
const uuidOf = (prefix, count, uuids) => `${prefix}${uuids === 'random' ? randomUUID() : count}`;
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
/**
 * A server answers calls for days: each run is measured after this many seconds of the same load, not counted,
 * once V8 has compiled the hot code (on its helper threads, about 7 µs a request of a cold 10 s run) and the
 * collector has settled. Cold, the first 10 s of (a) had p99 15–16 ms where the next 10 s had 10–11.
 */
const WARMUP = Number(args.warmup);
if (!Number.isFinite(WARMUP) || WARMUP < 0) throw new Error(`--warmup is a number of seconds, not ${args.warmup}`);
const SECRET = 'bench-signature-secret-0123456789';
const ADMIN = { email: 'bench@switchboard.test', password: 'benchmark password' };
const LINE = '447700900555';
// The line's office hours (seedLine): a week of 24-hour windows (start = end lasts a whole day, lib/runtime/hours.ts).
const OPEN_ALL_WEEK = { windows: [{ id: 'all-week', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '00:00' }], holidays: [] };
const EXAMPLES = path.resolve(root, '..', 'shared', 'vonage', 'docs-examples', 'webhooks');
const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
let callCount = 0;
const answerRequest = answerRequestOf(args.uuids);
// More than a webhook route here answers in a second; past them, requests are built on the fly.
const PREPARED_PER_SECOND = 30_000;

/**
 * autocannon builds a request that has a `setupRequest` anew each time through a generic path that cost it
 * about 13 µs a request here (copying its options object, which V8 keeps in slow dictionary mode), twice what
 * writing the request and reading the reply cost it. On the same two cores as the server that was a tenth of
 * the machine. Requests carrying RAW are written as the bytes it returns, which are exactly what autocannon
 * would have built from them (its request line, Host, Connection, the headers, Content-Length, the body);
 * when RAW returns null, autocannon builds the request itself. autocannon is pinned in the lockfile.
 */
const RAW = Symbol('raw request');
const rebuildRequest = RequestIterator.prototype.rebuildRequest;
RequestIterator.prototype.rebuildRequest = function rebuildRaw() {
  const raw = this.currentRequest?.[RAW]?.();
  if (!raw) return rebuildRequest.call(this);
  this.resetted = false;
  this.currentRequest.requestBuffer = raw;
};

if (!fs.existsSync(path.join(root, '.next', 'switchboard-server.js'))) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
const dbFile = path.join(dataDir, 'bench.db');
const children = [];
// The servers stop first (the app's threads may still be checkpointing), then their scratch database goes.
const stopAll = async () => {
  await Promise.all(children.map(stopped));
  fs.rmSync(dataDir, { recursive: true, force: true });
};
const stopped = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });

try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  children.push(
    // --profile DIR writes the server's CPU profile there when it stops.
    spawn(process.execPath, [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []), path.join(root, '.next', 'switchboard-server.js')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: dbFile,
        PUBLIC_BASE_URL: base,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        VONAGE_SIGNATURE_SECRET: SECRET,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const barePort = await freePort();
  children.push(spawn(process.execPath, ['-e', bareServer(barePort)], { stdio: ['ignore', 'ignore', 'inherit'] }));
  await waitFor(`${base}/api/health`);
  await waitFor(`http://127.0.0.1:${barePort}/`);

  const api = await signIn(base);
  const flowId = await seedLine(api);
  const editing = await seedBigFlow(api);

  const results = {};
  if (args.only) {
    // 'browsing' is (e): answers while Chromium edits.
    const browser = args.only === 'browsing' ? await startBrowserEditing(base, editing.id) : null;
    const result = await load(args.only, base, args.only === 'events' ? eventRequest() : answerRequest);
    const browsed = await browser?.stop();
    const db = new Database(dbFile, { readonly: true });
    const paths = args.only === 'events' ? {} : answerPaths(db, flowId);
    db.close();
    console.log(JSON.stringify({ ...summary(result), ...paths, ...(browsed ? { browsed } : {}) }));
    await stopAll();
    process.exit(0);
  }
  results.bare = await load('bare', `http://127.0.0.1:${barePort}`, null, children[1].pid);
  results.answer = await load('answer', base, answerRequest);
  results.events = await load('events', base, eventRequest());
  results.answerRandom = await load('answer, random uuids', base, answerRequestOf('random'));
  results.eventsRandom = await load('events, random uuids', base, eventRequest('random'));
  const editor = startEditing(api, editing);
  results.answerWhileEditing = await load('answer while editing', base, answerRequest);
  const edits = await editor.stop();
  const browser = await startBrowserEditing(base, editing.id);
  results.answerWhileBrowsing = await load('answer while Chromium edits', base, answerRequest);
  const browsed = await browser.stop();

  const db = new Database(dbFile, { readonly: true });
  const storedEvents = db.prepare("SELECT count(*) AS n FROM webhook_events WHERE source = 'voice' AND leg_uuid LIKE 'bench-ev-%'").get().n;
  const { calls, connected } = answerPaths(db, flowId);
  db.close();

  console.log(`\nSwitchboard webhook benchmark: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s of warm-up`);
  console.log('| run | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms | non-2xx | vs bare node:http | server CPU per request | autocannon CPU per request |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const bare = results.bare.requests.average;
  const runs = [
    ['(a)', 'answer, signed, new call each', 'answer'],
    ['(b)', 'voice events, signed, persisted', 'events'],
    ['(a′)', 'answer, random uuids (as Vonage’s)', 'answerRandom'],
    ['(b′)', 'voice events, random uuids', 'eventsRandom'],
    ['(c)', 'bare node:http, constant NCCO', 'bare'],
    ['(d)', `answer while a 300-node flow is edited through the API (${edits.saves} saves, ${edits.loads} loads)`, 'answerWhileEditing'],
    ['(e)', `answer while Chromium loads and edits the 300-node flow (${browsed.loads} loads, ${browsed.edits} edits)`, 'answerWhileBrowsing'],
  ];
  for (const [run, title, key] of runs) {
    const label = `${run} ${title}`;
    const r = results[key];
    const ratio = ((r.requests.average / bare) * 100).toFixed(0);
    console.log(`| ${label} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.non2xx + r.errors} | ${ratio}% | ${Math.round(r.cpuMicros)} µs | ${Math.round(r.clientMicros)} µs |`);
  }
  console.log('\nServer CPU per request by thread (the main thread reads requests, checks signatures and writes replies):');
  console.log('| run | main thread | webhook worker | Next worker | V8 helpers, thread pool |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [run, , key] of runs) {
    const t = results[key].threadMicros;
    console.log(`| ${run} | ${[t.main, t['sb-webhooks'], t['sb-next'], t.other].map((micros) => `${Math.round(micros)} µs`).join(' | ')} |`);
  }
  // A run's warm-up stored rows too: its acknowledgements count here.
  const acknowledged = (runs) => runs.reduce((sum, r) => sum + r['2xx'] + r.warm2xx, 0);
  const acked = acknowledged([results.events, results.eventsRandom]);
  console.log(`\nevents acknowledged 2xx: ${acked}; stored: ${storedEvents}${storedEvents >= acked ? '' : '  ← MISSING EVENTS'}`);
  const answered = acknowledged([results.answer, results.answerRandom, results.answerWhileEditing, results.answerWhileBrowsing]);
  console.log(`answer calls rows written: ${calls} for ${answered} answers; put through to the office: ${connected}${connected === calls ? '' : '  ← ANOTHER PATH'}`);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, r]) => [k, summary(r)]))));
} finally {
  await stopAll();
}

/**
 * Runs autocannon with `next()` building each request (a new call uuid, a new signature). The requests are
 * built and signed before the clock starts, as Vonage signs its own: signing on the fly cost the load
 * generator, on the same two cores as the server, more CPU per request than the bare server's whole answer.
 * Their `iat` stays well within the 5 minutes the server accepts.
 */
async function load(title, url, next, pid = children[0].pid) {
  process.stderr.write(`running ${title}…\n`);
  // Its acknowledged requests still count where the database is checked against them (results' warm2xx).
  const warm = WARMUP > 0 ? await prepare(url, next, WARMUP)() : null;
  const run = prepare(url, next, DURATION);
  const cpuBefore = cpuSeconds(pid);
  const threadsBefore = threadSeconds(pid);
  // The load generator shares the server's two cores: its CPU per request is reported beside the server's.
  const clientBefore = process.cpuUsage();
  const result = await run();
  result.warm2xx = warm?.['2xx'] ?? 0;
  // CPU time the server spent per answered request: steadier than req/s on a machine shared with other work.
  result.cpuMicros = ((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.requests.total);
  const threadsAfter = threadSeconds(pid);
  result.threadMicros = Object.fromEntries(Object.keys(threadsAfter).map((name) => [name, ((threadsAfter[name] - (threadsBefore[name] ?? 0)) * 1e6) / Math.max(1, result.requests.total)]));
  const client = process.cpuUsage(clientBefore);
  result.clientMicros = (client.user + client.system) / Math.max(1, result.requests.total);
  return result;
}

/** Builds the requests for `seconds` of load (before any clock starts) and returns what runs autocannon with them. */
function prepare(url, next, seconds) {
  const prepared = next ? Array.from({ length: seconds * PREPARED_PER_SECOND }, next) : [];
  let sent = 0;
  const host = new URL(url).host;
  return () =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      // Without `next`, one constant GET (the bare server's ceiling): autocannon builds it once.
      ...(next && {
        requests: [
          {
            setupRequest: (request) => Object.assign(request, prepared[sent++] ?? next()),
            [RAW]: () => (sent < prepared.length ? rawRequest(prepared[sent++], host) : null),
          },
        ],
      }),
    });
}

/** What the JSON lines print of a run. */
function summary(r) {
  const threads = Object.fromEntries(Object.entries(r.threadMicros).map(([name, micros]) => [name, Math.round(micros)]));
  return { rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p975: r.latency.p97_5, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpuMicros: Math.round(r.cpuMicros), clientMicros: Math.round(r.clientMicros), threads };
}

/** The bytes autocannon's request builder writes for `request` (lib/httpRequestBuilder.js). */
function rawRequest({ method, path: target, headers, body }, host) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: keep-alive', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (!body) return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid) {
  return statSeconds(`/proc/${pid}/stat`);
}

/**
 * The same by thread: the main thread (its id is the process's), the workers by the names they give themselves
 * (app/_server/thread-messages.ts), and the rest together (V8's helpers, Node's thread pool). A thread that has
 * exited since is not counted: the server's threads live as long as it does.
 */
function threadSeconds(pid) {
  const seconds = { main: 0, 'sb-webhooks': 0, 'sb-next': 0, other: 0 };
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = Number(task) === pid ? 'main' : fs.readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
      seconds[name in seconds ? name : 'other'] += statSeconds(`/proc/${pid}/task/${task}/stat`);
    } catch {
      // The thread exited while it was read.
    }
  }
  return seconds;
}

/** User + system CPU seconds of a /proc stat line (fields after the command's name; clock ticks of 1/100 s). */
function statSeconds(file) {
  const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Builds answer requests, each for a new call. */
function answerRequestOf(uuids) {
  return () => {
    callCount += 1;
    const uuid = uuidOf('bench-call-', callCount, uuids);
    const query = new URLSearchParams({ to: LINE, from: '447700900999', uuid, conversation_uuid: `CON-${uuid}` });
    const pathAndQuery = `/api/voice/answer?${query}`;
    return { method: 'GET', path: pathAndQuery, headers: { authorization: sign(queryJson(query)) } };
  };
}

/** Vonage's documented voice events of one call's life, each sent for a fresh leg. */
function eventRequest(uuids = args.uuids) {
  const table = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'event-payloads-from-reference-tables.json'), 'utf8'));
  const payloads = ['started', 'ringing', 'answered', 'completed'].map((status) => table[status]);
  let count = 0;
  return () => {
    count += 1;
    const uuid = uuidOf('bench-ev-', count, uuids);
    // Stamped now, as Vonage stamps each event when it happens: the documented payloads all carry one time.
    const body = JSON.stringify({ ...payloads[count % payloads.length], uuid, conversation_uuid: `CON-${uuid}`, timestamp: new Date().toISOString() });
    return { method: 'POST', path: '/api/voice/event', body, headers: { 'content-type': 'application/json', authorization: sign(body) } };
  };
}

/** A Vonage signed-webhook JWT (HS256, payload_hash of what is sent), written independently of lib/vonage. */
function sign(payload) {
  const claims = {
    iat: Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(payload).digest('hex'),
    api_key: 'bench',
    application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  };
  const input = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `Bearer ${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

/** A GET is signed over its query as compact JSON, in the order sent. */
function queryJson(params) {
  return `{${Array.from(params, ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

/**
 * The business-hours template with a branch on the caller's country in front, published on LINE, its office open
 * every day, all day (OPEN_ALL_WEEK). With the template's own hours (Mon–Fri 09:00–17:30 in London, closed on
 * Christmas Eve afternoon and Christmas Day) the bench measured the Connect by day and the voicemail by night and
 * at weekends: the Connect mints a signed continuation URL for the call, and cost the webhook worker about 10 µs an
 * answer more (88–91 µs against 78–80 on the project machine, one build on one day), so the same build's figures
 * moved by several percent with the hour they were taken at. Open, every answer takes the instruction count's path (instructions-harness.ts runs
 * its calls on a Wednesday morning): the branch, the hours checked, the Connect with its continuation URL.
 */
async function seedLine(api) {
  const { flow } = await api('POST', '/api/flows', { name: 'Bench: business hours', templateId: 'business-hours' });
  // The branch and its edges, shared with the instruction count's line (instructions-harness.ts).
  const branch = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'bench-line.json'), 'utf8'));
  const nodes = flow.document.nodes.map((node) => (node.kind === 'hours' ? { ...node, data: { ...node.data, ...OPEN_ALL_WEEK } } : node));
  const document = { ...flow.document, nodes: [...nodes, branch.node], edges: [...flow.document.edges.filter((e) => e.source !== 'start'), ...branch.edges] };
  const layout = { ...flow.layout, [branch.node.id]: branch.position };
  await api('PUT', `/api/flows/${flow.id}`, { revision: flow.revision, document, layout });
  const { version } = await api('POST', `/api/flows/${flow.id}/versions`, { note: 'bench' });
  await api('POST', '/api/numbers', { number: LINE, flowId: flow.id, versionId: version.id });
  return flow.id;
}

/**
 * The line's calls stored, and those the Connect put through to the office: every one, when the run took one path.
 * One statement, so both counts see the same calls while the last answers are still being stored.
 */
function answerPaths(db, flowId) {
  return db
    .prepare("SELECT count(*) AS calls, count(*) FILTER (WHERE waiting_node_id = 'connect-office') AS connected FROM calls WHERE uuid LIKE 'bench-call-%' AND flow_id = ?")
    .get(flowId);
}

/** A 300-node draft: the Incoming call and 299 Say nodes in a chain, laid out on a grid. */
async function seedBigFlow(api) {
  const { flow } = await api('POST', '/api/flows', { name: 'Bench: 300 nodes', templateId: 'business-hours' });
  const say = flow.document.nodes.find((n) => n.kind === 'say');
  const start = flow.document.nodes.find((n) => n.kind === 'start');
  const nodes = [start, ...Array.from({ length: 299 }, (_, i) => ({ ...say, id: `say-${i}`, data: { ...say.data, text: `Step ${i} of a long flow.` } }))];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e-${i}`, source: nodes[i].id, sourceHandle: 'next', target: n.id }));
  const layout = Object.fromEntries(nodes.map((n, i) => [n.id, { x: (i % 20) * 260, y: Math.floor(i / 20) * 160 }]));
  const document = { ...flow.document, nodes, edges };
  const { flow: saved } = await api('PUT', `/api/flows/${flow.id}`, { revision: flow.revision, document, layout });
  return saved;
}

/**
 * What an editing browser asks of the server, at an editor's pace: the editor page and its flow loaded
 * every 3 s, and an autosave of the whole 300-node document every 500 ms (a node's text changed each time).
 */
function startEditing(api, flow) {
  let running = true;
  let saves = 0;
  let loads = 0;
  let current = flow;
  const saving = (async () => {
    while (running) {
      const document = structuredClone(current.document);
      const node = document.nodes[1 + (saves % 299)];
      node.data = { ...node.data, text: `Edited ${saves} times.` };
      ({ flow: current } = await api('PUT', `/api/flows/${flow.id}`, { revision: current.revision, document, layout: current.layout }));
      saves += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const loading = (async () => {
    while (running) {
      await api('GET', `/flows/${flow.id}`, undefined, 'text');
      await api('GET', `/api/flows/${flow.id}`);
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await Promise.all([saving, loading]);
      return { saves, loads };
    },
  };
}

/** Headless Chromium in the real editor: open the 300-node flow, edit node texts (autosaved), reload, repeat. */
async function startBrowserEditing(base, flowId) {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(dataDir, 'chromium-'));
  // The browser is the editor's own machine, not the server's: here it shares the server's two cores, so it
  // runs under Linux's idle scheduling policy, which its processes inherit, and takes what the server leaves.
  // (A nice value does not do: Chromium raises its own processes' priority again.) Playwright starts it in a
  // session of its own, and Linux's autogroup scheduling (on by default) shares the cores fairly between sessions
  // before any policy inside one counts: so its session's group takes the lowest weight too, or Chromium could
  // take half the machine whatever its policy ((e)'s p99 29–37 ms without, 19–24 with, on the project machine).
  const idle = path.join(dataDir, 'chromium-idle');
  const autogroup = '{ echo 19 > /proc/self/autogroup; } 2>/dev/null';
  fs.writeFileSync(idle, `#!/bin/sh\n${autogroup}\nexec chrt --idle 0 ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`, { mode: 0o755 });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: idle,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const login = await context.request.post(`${base}/api/auth/login`, { headers: { origin: base }, data: ADMIN });
  if (login.status() !== 200) throw new Error(`browser sign-in answered ${login.status()}`);
  const page = context.pages()[0] ?? (await context.newPage());
  let running = true;
  let loads = 0;
  let edits = 0;
  const open = async () => {
    await page.goto(`${base}/flows/${flowId}`);
    await page.locator('[data-testid="flow-node"]').first().waitFor();
    loads += 1;
  };
  await open();
  const editing = (async () => {
    while (running) {
      // The opening view fits the flow, so some nodes are on screen; edit a few, then load the page afresh.
      for (let i = 0; i < 5 && running; i += 1) {
        const node = page.locator('.react-flow__node[data-id^="say-"]').nth((edits * 7 + i) % 40);
        try {
          await node.click({ timeout: 2000 });
          await page.getByTestId('field-text').fill(`Edited in the browser, ${edits} times.`, { timeout: 2000 });
          edits += 1;
        } catch {
          // A node under another or off screen: try the next one.
        }
      }
      if (running) await open();
    }
  })();
  return {
    stop: async () => {
      running = false;
      await editing;
      await context.close();
      return { loads, edits };
    },
  };
}

async function signIn(base) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(ADMIN) });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  return async (method, pathname, body, as = 'json') => {
    const response = await fetch(`${base}${pathname}`, {
      method,
      headers: { cookie, origin: base, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
    return as === 'json' ? response.json() : response.text();
  };
}

function bareServer(port) {
  const ncco = JSON.stringify([{ action: 'talk', text: 'Thank you for calling.' }]);
  return `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end(${JSON.stringify(ncco)}); }).listen(${port}, '127.0.0.1');`;
}

async function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
