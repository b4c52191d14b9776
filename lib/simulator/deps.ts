import type { Db } from '@/db/client';
import type { Issue } from '@/lib/api/issues';
import type { Timers, Transport } from './carrier/types';

/** What the simulator service needs; the routes pass the process's, tests their own. */
export type SimulatorDeps = {
  db: Db;
  /** PUBLIC_BASE_URL: where the webhooks go, as Vonage would send them. */
  baseUrl: string;
  transport: Transport;
  now: () => Date;
  newId: () => string;
  timers: Timers;
};

/** Why the simulator refused a request; the API layer turns each into its HTTP answer. */
export type SimulatorFailure =
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'invalid'; message: string; issues: Issue[] }
  | { ok: false; reason: 'too_many'; message: string }
  | { ok: false; reason: 'not_running'; message: string }
  | { ok: false; reason: 'refused'; message: string };
