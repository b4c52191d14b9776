/**
 * Next calls this once per server start: warn when webhooks are unsigned, stamp requests with their peer address (lib/net/peer.ts), open
 * the database so migrations run before any request, create the first admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD when nobody has an account yet, and give a brand-new database the example flow on the
 * demo line (lib/simulator/demo-line.ts), and start pruning old call events (lib/events/retention.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installPeerStamp } = await import('./lib/net/peer');
    installPeerStamp();
    const [{ db }, { config }, { bootstrapAdmin }] = await Promise.all([
      import('./lib/db'),
      import('./lib/config'),
      import('./lib/auth/first-admin'),
    ]);
    if (!config().VONAGE_SIGNATURE_SECRET) {
      // Without it the webhooks accept unsigned requests: anyone who can reach them could steer calls.
      const { log } = await import('./lib/log');
      log.warn('startup.unsigned_webhooks', {
        message: 'VONAGE_SIGNATURE_SECRET is not set: Vonage webhooks are accepted without a signature. Set it before taking real calls.',
      });
    }
    const admin = await bootstrapAdmin(db(), config());
    if (admin) console.log(`Created the first admin, ${admin.email}, from ADMIN_EMAIL`);
    const { seedExample, DEMO_LINE, EXAMPLE_FLOW_NAME } = await import('./lib/simulator/demo-line');
    if (seedExample(db())) console.log(`Added the example flow "${EXAMPLE_FLOW_NAME}", live on the demo line ${DEMO_LINE.number}`);
    // Call events, calls and voicemail older than RETENTION_DAYS are pruned hourly, in small batches.
    const { startRetention } = await import('./lib/events/retention');
    startRetention(db(), config().RETENTION_DAYS);
  }
}
