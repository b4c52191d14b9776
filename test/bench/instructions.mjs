// `npm run bench:instructions [-- --kind answer|event --count 1000 --warm 3000 --repeat 2]`: a benchmark, not a test (needs valgrind).
// Counts the CPU instructions one answer (or one voice event) costs the server past HTTP: its signature checked
// as the main thread checks it, then the handler in the webhook worker's group commits, over a real SQLite file
// (test/bench/instructions-harness.ts). valgrind's callgrind counts instructions rather than time, so the figure
// barely moves with how busy or slow the machine is, where `npm run bench`'s rates move by a fifth between runs of
// one build on the project machine: compare two versions of the code with this (to within a few percent, see
// below), then confirm with `npm run bench`.
// Node's HTTP parsing and writing, the crossing between threads and the kernel's work are not in it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({ options: { kind: { type: 'string', default: 'answer' }, count: { type: 'string', default: '1000' }, warm: { type: 'string', default: '3000' }, repeat: { type: 'string', default: '2' } } });
if (!['answer', 'event'].includes(args.kind)) throw new Error(`--kind is answer or event, not ${args.kind}`);
const COUNT = Number(args.count);
if (!Number.isInteger(COUNT) || COUNT < 100) throw new Error(`--count is a whole number of at least 100, not ${args.count}`);
const WARM = Number(args.warm);
if (!Number.isInteger(WARM) || WARM < 0) throw new Error(`--warm is a whole number, not ${args.warm}`);
const REPEAT = Number(args.repeat);
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error(`--repeat is a whole number of at least 1, not ${args.repeat}`);
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed (Debian: apt install valgrind).');
  process.exit(1);
}

const outfile = path.join(root, 'test', '.tmp', 'instructions-harness.js');
await build({
  entryPoints: [path.join(import.meta.dirname, 'instructions-harness.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  format: 'cjs',
  logLevel: 'warning',
  tsconfig: path.join(root, 'tsconfig.json'),
  outfile,
});

/**
 * Instructions for a run handling WARM requests, then `count` more, of WARM + 2 × COUNT built. Without the warm-up,
 * nearly half of the count was V8 still optimising the hot code. Node runs single-threaded, so no compiler or
 * collector thread races the main one. What still differs between runs (the collector's timing, which partly follows
 * the clock, and V8's random hash seed) moved one build's count by about 1% for answers and 5% for events on the
 * project machine: hence the repeats, and the spread printed. Count two builds one after the other, on an idle machine.
 */
function instructions(count) {
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', outfile],
    { cwd: root, env: { ...process.env, NODE_ENV: 'production', KIND: args.kind, WARM: String(WARM), COUNT: String(count), PREPARED: String(WARM + 2 * COUNT) }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const collected = /Collected : (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !collected) throw new Error(`the harness failed under valgrind (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  return Number(collected[1]);
}

process.stderr.write(`counting ${args.kind}s under valgrind (${2 * REPEAT} runs, a minute or two each)…\n`);
const results = [];
for (let i = 0; i < REPEAT; i += 1) results.push((instructions(2 * COUNT) - instructions(COUNT)) / COUNT);
const mean = results.reduce((sum, each) => sum + each, 0) / REPEAT;
const spread = REPEAT > 1 ? ` (runs: ${results.map((each) => Math.round(each).toLocaleString('en')).join(', ')})` : '';
console.log(`${args.kind}: ${Math.round(mean).toLocaleString('en')} instructions each, the mean of ${REPEAT} × ${COUNT.toLocaleString('en')} more ${args.kind}s${spread}`);
console.log(JSON.stringify({ kind: args.kind, count: COUNT, instructionsEach: Math.round(mean), runs: results.map(Math.round) }));
fs.rmSync(outfile, { force: true });
