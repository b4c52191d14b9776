// `npm run scenarios`: runs the test scenarios of every flow (or of the flows named) on a running
// Switchboard, through its REST API, and exits non-zero when any fails, for CI.
//
//   SWITCHBOARD_URL    where Switchboard runs (default http://localhost:3000)
//   SWITCHBOARD_TOKEN  an API token of an editor or admin (Account → API tokens)
//
//   npm run scenarios                       every flow, each flow's draft
//   npm run scenarios -- --flow fl_abc123   only these flows (repeat --flow)
//   npm run scenarios -- --live             the latest published versions instead of the drafts
//
// Exit codes: 0 all passed, 1 a scenario failed, 2 the run itself could not happen.
import { parseArgs } from 'node:util';

const USAGE = 'Usage: npm run scenarios -- [--flow <id>]... [--live]   (needs SWITCHBOARD_TOKEN; SWITCHBOARD_URL defaults to http://localhost:3000)';

function stop(message) {
  console.error(message);
  process.exit(2);
}

let options;
try {
  options = parseArgs({ options: { flow: { type: 'string', multiple: true }, live: { type: 'boolean' }, help: { type: 'boolean' } } }).values;
} catch (error) {
  stop(`${error.message}\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const base = (process.env.SWITCHBOARD_URL || 'http://localhost:3000').replace(/\/+$/, '');
const token = process.env.SWITCHBOARD_TOKEN;
if (!token) stop(`Set SWITCHBOARD_TOKEN to an API token of an editor (Account → API tokens).\n${USAGE}`);

async function api(path, body) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    stop(`Could not reach Switchboard at ${base}: ${error.cause?.message ?? error.message}`);
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) return { error: json?.error?.message ?? `HTTP ${response.status}` };
  return { data: json };
}

const listed = await api('/api/flows');
if (listed.error) stop(`Could not list the flows: ${listed.error}`);
const names = new Map(listed.data.flows.map((flow) => [flow.id, flow.name]));
const flowIds = options.flow ?? [...names.keys()];
const version = options.live ? 'live' : 'draft';

let passed = 0;
let failed = 0;
for (const flowId of flowIds) {
  console.log(`\n${names.get(flowId) ?? flowId} (${flowId}, ${version === 'live' ? 'published version' : 'draft'})`);
  const run = await api(`/api/flows/${encodeURIComponent(flowId)}/scenarios/run`, { version });
  if (run.error) {
    console.log(`  ✕ ${run.error}`);
    failed += 1;
    continue;
  }
  if (run.data.results.length === 0) console.log('  (no scenarios)');
  for (const result of run.data.results) {
    if (result.passed) {
      passed += 1;
      console.log(`  ✓ ${result.name}`);
      continue;
    }
    failed += 1;
    const { failure } = result;
    console.log(`  ✕ ${result.name}`);
    console.log(`      step ${failure.step} (${failure.description}): ${failure.message}`);
    if (failure.heard.length > 0) console.log(`      heard: ${failure.heard.map((text) => `“${text}”`).join(' ')}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
