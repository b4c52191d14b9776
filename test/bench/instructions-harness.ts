// Bundled and run by test/bench/instructions.mjs under valgrind: not a test, not part of the app.
// Runs the webhook handlers the way the production server does, minus HTTP: each request is signed as Vonage
// signs it and checked as the main thread checks it, then handled in the webhook worker's group commits over a
// real SQLite file with the real migrations. The clock is fixed, so every run takes the same path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { parseConfig } from '@/lib/config';
import { FlowDocumentSchema } from '@/lib/flow/document';
import { createFlow, updateFlow } from '@/lib/flows/write';
import { createNumber } from '@/lib/numbers/write';
import { createWebhookBatcher } from '@/lib/server/webhook-batch';
import { createVersion } from '@/lib/versions/create-version';
import { answerWebhook } from '@/lib/voice/answer';
import type { VoiceDeps } from '@/lib/voice/deps';
import { eventWebhook } from '@/lib/voice/event';
import { signVonageRequest, verifyVonageSignature, type SignedRequest } from '@/lib/vonage/signature';
import branch from './bench-line.json';

const KIND = process.env.KIND === 'event' ? 'event' : 'answer';
// Requests handled after WARM handled first, of PREPARED built up front: the driver runs N and 2N and counts the
// difference, so building and signing (the same PREPARED in both runs) and starting up drop out, and so does
// compiling the hot code, which V8 has done by the end of the warm-up.
const WARM = Number(process.env.WARM);
const COUNT = Number(process.env.COUNT);
const PREPARED = Number(process.env.PREPARED);
// About what a busy turn of the server's webhook worker commits together.
const GROUP = 20;
const SECRET = 'bench-signature-secret-0123456789';
const LINE = '447700900555';
const BASE = 'http://127.0.0.1:3000';
// A Wednesday at 10:00 in London: the business-hours node finds the office open on every run.
const NOW = new Date('2026-12-02T10:00:00Z');

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-instructions-'));
  try {
    const db = openDatabase(path.join(dir, 'bench.db'));
    const deps: VoiceDeps = {
      db,
      config: parseConfig({ PUBLIC_BASE_URL: BASE, DATABASE_PATH: path.join(dir, 'bench.db'), VONAGE_SIGNATURE_SECRET: SECRET }),
      now: () => NOW,
      http: async () => ({ type: 'failure', reason: 'refused', message: 'no HTTP here', durationMs: 0 }),
      notify: () => {},
    };
    seedLine(deps);
    const requests = Array.from({ length: PREPARED }, (_, i) => (KIND === 'answer' ? answerRequest(i) : eventRequest(i)));
    const handler = KIND === 'answer' ? answerWebhook : eventWebhook;
    const batcher = createWebhookBatcher(deps);
    const handled = WARM + COUNT;
    for (let start = 0; start < handled; start += GROUP) {
      const group = requests.slice(start, Math.min(handled, start + GROUP)).map((request) => {
        // As the main thread does before handing a request over (lib/server/serve-voice.ts).
        const verdict = verifyVonageSignature(request, SECRET, NOW);
        if (!verdict.ok) throw new Error(`signature refused: ${verdict.reason}`);
        return batcher.serve(handler, { ...request, authorization: null, verdict: { ok: true } });
      });
      for (const reply of await Promise.all(group)) if (reply.status !== 200 && reply.status !== 204) throw new Error(`answered ${reply.status}`);
    }
    // The count means something only if each request did the whole job: a call answered from the flow (not the
    // apology, which also answers 200) or an event stored.
    const done =
      KIND === 'answer'
        ? (db.$client.prepare("SELECT count(*) AS n FROM calls WHERE flow_id IS NOT NULL AND failure IS NULL AND answer IS NOT NULL").get() as { n: number }).n
        : (db.$client.prepare("SELECT count(*) AS n FROM webhook_events WHERE source = 'voice' AND parsed_ok = 1").get() as { n: number }).n;
    if (done !== handled) throw new Error(`${done} of ${handled} ${KIND}s did the whole job`);
    db.$client.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** The webhook bench's line: the business-hours template with a branch on the caller's country in front. */
function seedLine({ db }: VoiceDeps): void {
  const created = createFlow(db, { source: 'template', name: 'Bench: business hours', templateId: 'business-hours' });
  if (!created.ok) throw new Error('could not create the flow');
  const { flow } = created;
  // The branch and its edges, shared with the webhook bench's line (webhooks.mjs).
  const document = FlowDocumentSchema.parse({ ...flow.document, nodes: [...flow.document.nodes, branch.node], edges: [...flow.document.edges.filter((e) => e.source !== 'start'), ...branch.edges] });
  const updated = updateFlow(db, flow.id, { revision: flow.revision, document, layout: { ...flow.layout, [branch.node.id]: branch.position } });
  if (!updated.ok) throw new Error('could not update the flow');
  const version = createVersion(db, flow.id, 'bench');
  if (!version.ok) throw new Error('could not publish the flow');
  const number = createNumber(db, { number: LINE, label: '', flowId: flow.id, versionId: version.version.id });
  if (!number.ok) throw new Error('could not bind the number');
}

function answerRequest(i: number): SignedRequest {
  const uuid = `bench-call-${i}`;
  const query = new URLSearchParams({ to: LINE, from: '447700900999', uuid, conversation_uuid: `CON-${uuid}` });
  const url = `${BASE}/api/voice/answer?${query}`;
  return { method: 'GET', url, authorization: signVonageRequest({ method: 'GET', url }, SECRET, { iat: NOW.getTime() / 1000 }), rawBody: '' };
}

/** Vonage's documented voice events of one call's life, each sent for a fresh leg (as the webhook bench sends them). */
function eventRequest(i: number): SignedRequest {
  const table = documentedEvents();
  const uuid = `bench-ev-${i}`;
  const timestamp = new Date(NOW.getTime() + i).toISOString();
  const body = JSON.stringify({ ...table[['started', 'ringing', 'answered', 'completed'][i % 4]], uuid, conversation_uuid: `CON-${uuid}`, timestamp });
  const url = `${BASE}/api/voice/event`;
  return { method: 'POST', url, authorization: signVonageRequest({ method: 'POST', url, body }, SECRET, { iat: NOW.getTime() / 1000 }), rawBody: body };
}

let documented: Record<string, object> | undefined;
function documentedEvents(): Record<string, object> {
  documented ??= JSON.parse(fs.readFileSync(path.resolve('..', 'shared', 'vonage', 'docs-examples', 'webhooks', 'event-payloads-from-reference-tables.json'), 'utf8')) as Record<string, object>;
  return documented;
}
