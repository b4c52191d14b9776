import type { Db } from '@/db/client';
import type { Config } from '@/lib/config';
import type { HttpRequest, HttpResult, NotifyRequest } from '@/lib/runtime/engine';

/**
 * What the webhook handlers need from the outside world. The routes pass the process's real ones; tests
 * pass their own database, clock and HTTP, so the handlers run the same code either way.
 */
export type VoiceDeps = {
  db: Db;
  config: Config;
  now: () => Date;
  http: (req: HttpRequest) => Promise<HttpResult>;
  notify: (req: NotifyRequest) => void;
};
