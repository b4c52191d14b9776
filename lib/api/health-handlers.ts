import type { Db } from '@/db/client';
import type { Config } from '@/lib/config';
import { migrationStatus, type MigrationStatus } from '@/lib/health/migrations';
import { vonageConfigured } from '@/lib/settings/vonage-credentials';
import { json } from './responses';

export type HealthBody = {
  status: 'ok' | 'failing';
  database: 'ok' | 'unavailable';
  migrations: MigrationStatus | null;
  vonage: { configured: boolean; signedWebhooks: boolean };
};

/**
 * GET /api/health, for uptime monitors: 200 when the database answers and every migration is applied,
 * 503 otherwise. Public, so it says only yes or no about Vonage, never a credential.
 */
export function handleHealth(openDb: () => Db, config: Config): Response {
  let migrations: MigrationStatus | null = null;
  try {
    migrations = migrationStatus(openDb());
  } catch (error) {
    console.error('Health check: the database did not answer', error);
  }
  const ok = migrations !== null && migrations.pending.length === 0;
  const body: HealthBody = {
    status: ok ? 'ok' : 'failing',
    database: migrations === null ? 'unavailable' : 'ok',
    migrations,
    vonage: { configured: vonageConfigured(config), signedWebhooks: config.VONAGE_SIGNATURE_SECRET !== undefined },
  };
  return json(body, ok ? 200 : 503);
}
