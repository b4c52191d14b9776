import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { flows } from '@/db/schema';
import { handleHealth } from '@/lib/api/health-handlers';
import { parseConfig } from '@/lib/config';
import { createTestDb } from '../helpers/db';

const ROOT = path.resolve(__dirname, '..', '..');
const JOURNAL: { entries: { tag: string }[] } = JSON.parse(fs.readFileSync(path.join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8'));
const MIGRATIONS = JOURNAL.entries.length;

describe('GET /api/health', () => {
  it('reports the database, every migration applied, and only whether Vonage is configured', async () => {
    const secrets = { VONAGE_APPLICATION_ID: 'app-id-1234', VONAGE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nsecretkeymaterial\n-----END PRIVATE KEY-----' };
    const response = handleHealth(createTestDb, parseConfig(secrets));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      status: 'ok',
      database: 'ok',
      migrations: { expected: MIGRATIONS, applied: MIGRATIONS, pending: [] },
      vonage: { configured: true, signedWebhooks: false },
    });
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });

  it('answers 503 when a migration is missing from the database', async () => {
    const db = createTestDb();
    db.run(sql`DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)`);
    const response = handleHealth(() => db, parseConfig({}));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'failing', migrations: { applied: MIGRATIONS - 1, pending: [JOURNAL.entries.at(-1)?.tag] } });
  });

  it('answers 503 when the database cannot be opened, and logs why', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = handleHealth(() => {
      throw new Error('SQLITE_CANTOPEN');
    }, parseConfig({}));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'failing', database: 'unavailable', migrations: null });
    expect(logged).toHaveBeenCalledWith('Health check: the database did not answer', expect.objectContaining({ message: 'SQLITE_CANTOPEN' }));
    logged.mockRestore();
  });
});

describe('npm run backup', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-backup-'));
    db = openDatabase(path.join(dir, 'live.db'));
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const backup = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'db', 'backup.mjs'), ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'live.db') },
      encoding: 'utf8',
    });

  it('copies the live database (WAL contents included) while it stays open, to a timestamped file by default', () => {
    const now = new Date();
    db.insert(flows).values({ id: 'fl_1', name: 'Support', document: {}, layout: {}, createdAt: now, updatedAt: now }).run();
    const result = backup();
    expect(result.status).toBe(0);
    const written = /to (.+switchboard-\d{4}-\d\d-\d\dT[\d-]+Z\.db)$/m.exec(result.stdout)?.[1];
    expect(written && path.dirname(written)).toBe(path.join(dir, 'backups'));
    const copy = new Database(written!, { readonly: true });
    expect(copy.prepare('SELECT name FROM flows').all()).toEqual([{ name: 'Support' }]);
    copy.close();
  });

  it('writes to a given path, and refuses to overwrite', () => {
    const target = path.join(dir, 'nightly', 'copy.db');
    expect(backup(target).status).toBe(0);
    expect(fs.existsSync(target)).toBe(true);
    const again = backup(target);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('says so when there is no database', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'db', 'backup.mjs')], {
      cwd: dir,
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'missing.db') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No database at');
  });
});
