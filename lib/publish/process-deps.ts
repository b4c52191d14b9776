import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { simulatorDeps } from '@/lib/simulator/process-deps';
import type { PublishDeps } from './publish';

/** Publishing's real dependencies: the process's database, simulator (for scenarios) and Vonage account. */
export function publishDeps(): PublishDeps {
  const settings = config();
  return { db: db(), simulator: simulatorDeps(), vonage: { config: settings }, publicBaseUrl: settings.PUBLIC_BASE_URL, now: () => new Date() };
}
