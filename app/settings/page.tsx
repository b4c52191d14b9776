import type { Metadata } from 'next';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import styles from '@/app/_shell/page.module.css';
import { config, publicUrl } from '@/lib/config';
import { vonageCredentialStatus } from '@/lib/settings/vonage-credentials';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings · Switchboard' };

/** The addresses to paste into the Vonage application: the webhooks Switchboard serves. */
const WEBHOOKS = [
  { label: 'Answer URL', path: '/api/voice/answer' },
  { label: 'Event URL', path: '/api/voice/event' },
  { label: 'Fallback URL', path: '/api/voice/fallback' },
  { label: 'RTC event URL (Conversation events)', path: '/api/voice/rtc-event' },
];

/**
 * Admins: how this server is configured. Credentials appear only as set or not set: their values never
 * leave lib/config (vonageCredentialStatus hands this page booleans), so no page can render one.
 */
export default async function SettingsPage() {
  const actor = await requirePageAuth('admin', '/settings');
  const settings = config();
  const credentials = vonageCredentialStatus(settings);
  return (
    <>
      <AppHeader actor={actor} current="settings" />
      <main className={`${styles.main} ${styles.narrow}`}>
        <div className={styles.titleRow}>
          <div>
            <h1 className={styles.title}>Settings</h1>
            <p className={styles.subtitle}>
              Set in the server&apos;s environment (or <code>.env</code>) and read at start-up; restart Switchboard after changing them.
            </p>
          </div>
        </div>

        <section className={styles.section} aria-labelledby="vonage-title">
          <h2 id="vonage-title" className={styles.sectionTitle}>
            Vonage credentials
          </h2>
          <p className={styles.sectionLead}>Shown only as set or not set. Their values never reach a browser or a log.</p>
          <div className={styles.panel}>
            <table className={styles.table}>
              <tbody>
                {credentials.map((credential) => (
                  <tr key={credential.key} data-testid={`credential-${credential.key}`}>
                    <td>
                      <strong>{credential.label}</strong>
                      <div className={styles.muted}>{credential.purpose}</div>
                    </td>
                    <td className={styles.mono}>{credential.key}</td>
                    <td className={styles.end}>
                      <span className={`${styles.badge} ${credential.set ? styles.badgeOk : styles.badgeOff}`}>{credential.set ? 'Set' : 'Not set'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className={styles.section} aria-labelledby="webhooks-title">
          <h2 id="webhooks-title" className={styles.sectionTitle}>
            Webhooks
          </h2>
          <p className={styles.sectionLead}>Paste these into your Vonage application&apos;s Voice settings (HTTP POST).</p>
          <div className={styles.panel}>
            <table className={styles.table}>
              <tbody>
                {WEBHOOKS.map((hook) => (
                  <tr key={hook.path}>
                    <td>
                      <strong>{hook.label}</strong>
                    </td>
                    <td className={styles.mono}>{publicUrl(hook.path)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className={styles.section} aria-labelledby="events-title">
          <h2 id="events-title" className={styles.sectionTitle}>
            Call events and voicemail
          </h2>
          <div className={styles.panel}>
            <table className={styles.table}>
              <tbody>
                <tr data-testid="setting-retention">
                  <td>
                    <strong>Kept for</strong>
                    <div className={styles.muted}>RETENTION_DAYS: older events, calls and voicemail are pruned hourly</div>
                  </td>
                  <td>{settings.RETENTION_DAYS} days</td>
                </tr>
                <tr>
                  <td>
                    <strong>Recording hosts</strong>
                    <div className={styles.muted}>RECORDING_HOSTS: where playback may fetch recordings with the application&apos;s key</div>
                  </td>
                  <td className={styles.mono}>{settings.RECORDING_HOSTS.join(', ')}</td>
                </tr>
                <tr>
                  <td>
                    <strong>New voicemail webhook</strong>
                    <div className={styles.muted}>VOICEMAIL_WEBHOOK_URL: told about each new voicemail</div>
                  </td>
                  <td className={styles.mono}>{settings.VOICEMAIL_WEBHOOK_URL ? new URL(settings.VOICEMAIL_WEBHOOK_URL).origin : 'Not set'}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>

        <section className={styles.section} aria-labelledby="security-title">
          <h2 id="security-title" className={styles.sectionTitle}>
            Sign-in and network
          </h2>
          <div className={styles.panel}>
            <table className={styles.table}>
              <tbody>
                <tr>
                  <td>
                    <strong>Public address</strong>
                    <div className={styles.muted}>Browsers must use it: changes are accepted only from this origin.</div>
                  </td>
                  <td className={styles.mono}>{settings.PUBLIC_BASE_URL}</td>
                </tr>
                <tr>
                  <td>
                    <strong>Sessions</strong>
                    <div className={styles.muted}>SESSION_DAYS, SESSION_IDLE_MINUTES</div>
                  </td>
                  <td>
                    Up to {settings.SESSION_DAYS} days; ends after {settings.SESSION_IDLE_MINUTES} minutes unused
                  </td>
                </tr>
                <tr>
                  <td>
                    <strong>Trusted proxies</strong>
                    <div className={styles.muted}>TRUSTED_PROXY: whose X-Forwarded-For and -Proto are believed</div>
                  </td>
                  <td>
                    {settings.TRUSTED_PROXY.length === 0
                      ? 'None: client addresses come from the connection'
                      : settings.TRUSTED_PROXY.map((range) => `${range.address}/${range.prefix}`).join(', ')}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      </main>
    </>
  );
}
