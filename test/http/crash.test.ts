import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { signVonageRequest } from '@/lib/vonage/signature';
import { startServer, type RunningServer } from '../helpers/server';
import { vonageExample } from '../helpers/voice';

/*
 * Nothing acknowledged is lost: events are posted at full rate by several clients, the server is killed
 * with SIGKILL mid-stream, and after a restart on the same database every event that got a 2xx is there.
 */

const SECRET = 'crash-test-signature-secret';
const CLIENTS = 8;
/** Each client stops after this many posts at most, so the test is bounded even if the kill came late. */
const MAX_POSTS_PER_CLIENT = 3000;
/** The server is killed once this many events were acknowledged: well into the stream. */
const KILL_AFTER_ACKS = 600;

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

const referenceTable = JSON.parse(vonageExample('docs-examples/webhooks/event-payloads-from-reference-tables.json')) as Record<string, Record<string, unknown>>;
const statuses = ['started', 'ringing', 'answered', 'completed'];

/** Posts signed voice events, each with its own leg uuid, until the server stops answering. */
async function client(baseUrl: string, id: number, acked: Set<string>, onAck: () => void): Promise<void> {
  for (let n = 0; n < MAX_POSTS_PER_CLIENT; n += 1) {
    const uuid = `crash-${id}-${n}`;
    const body = JSON.stringify({ ...referenceTable[statuses[n % statuses.length]], uuid, conversation_uuid: `CON-${uuid}` });
    const url = `${baseUrl}/api/voice/event`;
    let status: number;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: signVonageRequest({ method: 'POST', url, body }, SECRET) }, body });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      return; // the server is gone
    }
    if (status >= 200 && status < 300) {
      acked.add(uuid);
      onAck();
    }
  }
}

describe('a crash under load', () => {
  it('keeps every acknowledged event and a sound database after SIGKILL', async () => {
    const first = await startServer({ VONAGE_SIGNATURE_SECRET: SECRET });
    const acked = new Set<string>();
    let reachedKillPoint!: () => void;
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
    const clients = Array.from({ length: CLIENTS }, (_, id) =>
      client(first.baseUrl, id, acked, () => {
        if (acked.size >= KILL_AFTER_ACKS) reachedKillPoint();
      }),
    );
    await Promise.race([killPoint, Promise.all(clients)]);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    await Promise.all(clients);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // The restart recovers the WAL; the server must come up on the same file.
    const second = await startServer({ VONAGE_SIGNATURE_SECRET: SECRET }, { dataDir: first.dataDir });
    servers.push(second);
    const db = new Database(path.join(second.dataDir, 'switchboard.db'), { readonly: true });
    try {
      const stored = new Set(
        (db.prepare("SELECT leg_uuid AS uuid FROM webhook_events WHERE source = 'voice' AND leg_uuid LIKE 'crash-%'").all() as { uuid: string }[]).map((r) => r.uuid),
      );
      const lost = [...acked].filter((uuid) => !stored.has(uuid));
      expect(lost).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
