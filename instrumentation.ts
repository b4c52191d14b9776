/** Next calls this once per server start: open the database so migrations run before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { db } = await import('./lib/db');
    db();
  }
}
