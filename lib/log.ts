/**
 * Structured logs: one JSON object per line on stdout/stderr, so a log shipper can index them. Callers
 * pass facts, never secrets or whole payloads (webhook bodies are in the database, not the logs).
 */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, event: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
}

export const log = {
  info: (event: string, fields: Record<string, unknown> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write('error', event, fields),
};

/** A thrown value as text for a log line. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
