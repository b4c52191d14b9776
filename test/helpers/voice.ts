import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { parseConfig } from '@/lib/config';
import type { Ncco } from '@/lib/ncco';
import type { NotifyRequest } from '@/lib/runtime/engine';
import type { VoiceDeps } from '@/lib/voice/deps';

/** Where the webhook tests pretend Switchboard is reached. */
export const VOICE_BASE = 'https://sb.example.com';

// The repo and the shared reference folder are siblings, here and in CI (X/main beside X/shared).
export const SHARED_VONAGE = path.resolve(__dirname, '../../../shared/vonage');

/** A file under ../shared/vonage as its raw text: tests post exactly what Vonage's docs show. */
export function vonageExample(relative: string): string {
  return fs.readFileSync(path.join(SHARED_VONAGE, relative), 'utf8');
}

/** The webhook handlers' dependencies over a test database; `notified` collects what Notify would send. */
export function voiceDeps(db: Db, env: Record<string, string> = {}, now: () => Date = () => new Date()): VoiceDeps & { notified: NotifyRequest[] } {
  const notified: NotifyRequest[] = [];
  return {
    db,
    config: parseConfig({ PUBLIC_BASE_URL: VOICE_BASE, DATABASE_PATH: ':memory:', ...env }),
    now,
    http: async () => ({ type: 'failure', reason: 'refused', message: 'no HTTP in tests', durationMs: 0 }),
    notify: (req) => void notified.push(req),
    notified,
  };
}

/** A POST as Vonage sends it: the body as given (a string is sent byte for byte). */
export function webhookPost(pathname: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(new URL(pathname, VOICE_BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The eventUrl of the first action of a kind in an NCCO (a continuation URL). */
export function eventUrlOf(ncco: Ncco, action: 'input' | 'connect' | 'notify'): string {
  const found = ncco.find((a) => a.action === action) as { eventUrl?: string[] } | undefined;
  const url = found?.eventUrl?.[0];
  if (!url) throw new Error(`no ${action} eventUrl in ${JSON.stringify(ncco)}`);
  return url;
}

export function tokenOf(url: string): string {
  return new URL(url).pathname.split('/').at(-1)!;
}
