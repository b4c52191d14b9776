import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { bumpRoutingRevision } from '@/lib/app-state';
import { getCall } from '@/lib/calls/store';
import { getFlow } from '@/lib/flows/read';
import { updateFlow } from '@/lib/flows/write';
import type { Ncco } from '@/lib/ncco';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import { cachedRouting } from '@/lib/voice/routing-cache';
import { createTestDb } from '../helpers/db';
import { publish, rebind, seedLine } from '../helpers/seed';
import { eventUrlOf, tokenOf, VOICE_BASE, voiceDeps, webhookPost } from '../helpers/voice';

/*
 * The answer webhook reads a number's routing from memory, and every publish or bind, by this process or
 * another, reaches the next answer; a call already running stays on the version it started on.
 */

const LINE = '447700900100';
let db: Db;
let calls = 0;

async function answer(database: Db): Promise<{ uuid: string; ncco: Ncco }> {
  const uuid = `cache-call-${++calls}`;
  const url = `${VOICE_BASE}/api/voice/answer?to=${LINE}&from=447700900999&uuid=${uuid}&conversation_uuid=CON-${uuid}`;
  const res = await handleAnswer(new Request(url), voiceDeps(database));
  return { uuid, ncco: (await res.json()) as Ncco };
}

const texts = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : []));

async function pressTwo(database: Db, ncco: Ncco): Promise<string[]> {
  const url = eventUrlOf(ncco, 'input');
  const res = await handleContinue(webhookPost(new URL(url).pathname, { dtmf: { digits: '2', timed_out: false } }), tokenOf(url), voiceDeps(database));
  return texts((await res.json()) as Ncco);
}

/** Republishes the line's flow with another support greeting and binds the number to it. */
function republish(database: Db, flowId: string, greeting: string): string {
  const flow = getFlow(database, flowId)!;
  const document = structuredClone(flow.document);
  const intro = document.nodes.find((n) => n.id === 'support-intro')!;
  intro.data = { ...intro.data, text: greeting };
  expect(updateFlow(database, flowId, { revision: flow.revision, document }).ok).toBe(true);
  const versionId = publish(database, flowId, greeting);
  rebind(database, LINE, flowId, versionId);
  return versionId;
}

describe('in one process', () => {
  beforeEach(() => {
    db = createTestDb();
  });

  it('answers with the newly bound version, while a call started before keeps its own', async () => {
    const { flowId, versionId: first } = seedLine(db, 'ivr-menu', LINE);
    const before = await answer(db);
    const second = republish(db, flowId, 'Welcome to the new support desk.');

    const after = await answer(db);
    expect(getCall(db, after.uuid)?.versionId).toBe(second);
    expect(await pressTwo(db, after.ncco)).toEqual(['Welcome to the new support desk.']);
    expect(getCall(db, before.uuid)?.versionId).toBe(first);
    expect(await pressTwo(db, before.ncco)).toEqual(['Connecting you to customer support.']);
  });

  it('keeps answering from memory until the routing revision moves', async () => {
    const { flowId } = seedLine(db, 'ivr-menu', LINE);
    expect(cachedRouting(db, LINE)?.flowId).toBe(flowId);
    // A write that skips the revision (no code path does this) shows the entry really is served from memory.
    db.$client.prepare('UPDATE numbers SET flow_id = NULL, version_id = NULL WHERE number = ?').run(LINE);
    expect(cachedRouting(db, LINE)?.flowId).toBe(flowId);
    bumpRoutingRevision(db);
    expect(cachedRouting(db, LINE)).toMatchObject({ flowId: null, versionId: null });
  });

  it('remembers an unknown number until a number is added', async () => {
    expect(cachedRouting(db, LINE)).toBeNull();
    const { flowId } = seedLine(db, 'ivr-menu', LINE);
    expect(cachedRouting(db, LINE)?.flowId).toBe(flowId);
  });
});

describe('across processes', () => {
  let dir: string;
  let other: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-cache-'));
    db = openDatabase(path.join(dir, 'switchboard.db'));
    other = openDatabase(path.join(dir, 'switchboard.db'));
  });
  afterEach(() => {
    db.$client.close();
    other.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sees a publish committed through another connection at the next answer', async () => {
    const { flowId } = seedLine(other, 'ivr-menu', LINE);
    const before = await answer(db);
    const second = republish(other, flowId, 'Published from elsewhere.');
    const after = await answer(db);
    expect(getCall(db, after.uuid)?.versionId).toBe(second);
    expect(await pressTwo(db, after.ncco)).toEqual(['Published from elsewhere.']);
    expect(await pressTwo(db, before.ncco)).toEqual(['Connecting you to customer support.']);
  });
});
