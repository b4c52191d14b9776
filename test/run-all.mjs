// `npm test`: type-check, production build (Next and the server bundle), then every vitest project (unit, integration, browser).
// Prints the closing `N passed, N failed` line CI reads, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

function fail(step) {
  console.error(`\n${step} failed.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const npx = (bin) => path.join(root, 'node_modules', '.bin', bin);
if (run(npx('next'), ['typegen']) !== 0 || run(npx('tsc'), ['--noEmit']) !== 0) fail('Type-check');
// The Next build and the custom server bundle that `npm start` and the HTTP tests run.
if (run('npm', ['run', 'build']) !== 0) fail('Production build');

const report = path.join(root, 'test', '.tmp', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const status = run(npx('vitest'), [
  'run',
  '--config', 'test/vitest.config.mts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
if (!fs.existsSync(report)) fail('vitest');
const result = JSON.parse(fs.readFileSync(report, 'utf8'));
console.log(`${result.numPassedTests} passed, ${result.numFailedTests} failed`);
process.exit(status === 0 && result.numFailedTests === 0 && result.numTotalTests > 0 ? 0 : 1);
