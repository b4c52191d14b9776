'use client';

import { z } from 'zod';
import { TIME_ZONE_OPTIONS } from '@/lib/flow/kinds/formats';
import { str } from '@/lib/flow/loose';
import { DEFAULT_CALLED, DEFAULT_CALLER } from '@/lib/simulator/start-request';
import { useEditor } from '../editor-context';
import { useSessionState } from '../preview-session';
import styles from './test-call.module.css';
import { useCallSession } from './use-call-session';

const SetupSchema = z.object({
  from: z.string(),
  to: z.string(),
  version: z.enum(['draft', 'live']),
  pretend: z.boolean(),
  dateTime: z.string(),
  timeZone: z.string(),
  realTime: z.boolean(),
});
type Setup = z.infer<typeof SetupSchema>;

/** The current minute as a datetime-local value, in the browser's time zone. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

/** Who calls, which number, the draft or the published version, and when (for business hours). */
export function CallSetup({ flowId }: { flowId: string }) {
  const hoursZone = useEditor((s) => str(s.present.document.nodes.find((n) => n.kind === 'hours')?.data.timezone));
  const [setup, setSetup] = useSessionState<Setup>(`switchboard.test-call.${flowId}`, SetupSchema, () => ({
    from: DEFAULT_CALLER,
    to: DEFAULT_CALLED,
    version: 'draft',
    pretend: false,
    dateTime: localNow(),
    // A flow with business hours is most often tested on its own clock.
    timeZone: hoursZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    realTime: false,
  }));
  const { start, busy, error } = useCallSession();
  const change = (patch: Partial<Setup>) => setSetup({ ...setup, ...patch });

  const call = () =>
    start({
      flowId,
      from: setup.from.trim(),
      to: setup.to.trim(),
      version: setup.version,
      clock: setup.pretend ? { dateTime: setup.dateTime, timeZone: setup.timeZone } : null,
      realTime: setup.realTime,
    });

  return (
    <form
      className={styles.setup}
      onSubmit={(event) => {
        event.preventDefault();
        void call();
      }}
    >
      <p className={styles.lead}>Call this flow from the browser: Switchboard plays Vonage and sends its webhooks to itself, so the call shows in the event log, marked simulated.</p>
      <div className={styles.pair}>
        <label className={styles.field}>
          <span className={styles.label}>Caller</span>
          <input value={setup.from} onChange={(e) => change({ from: e.target.value })} placeholder={DEFAULT_CALLER} />
        </label>
        <label className={styles.field}>
          <span className={styles.label}>Number called</span>
          <input value={setup.to} onChange={(e) => change({ to: e.target.value })} placeholder={DEFAULT_CALLED} inputMode="numeric" />
        </label>
      </div>
      <div className={styles.field} role="radiogroup" aria-label="Version to call">
        <span className={styles.label}>Version</span>
        <div className={styles.segmented}>
          {(['draft', 'live'] as const).map((version) => (
            <label key={version}>
              <input type="radio" name="test-call-version" checked={setup.version === version} onChange={() => change({ version })} />
              {version === 'draft' ? 'Draft (as edited)' : 'Published'}
            </label>
          ))}
        </div>
      </div>
      <label className={styles.check}>
        <input type="checkbox" checked={setup.pretend} onChange={(e) => change({ pretend: e.target.checked })} />
        Pretend the call is at another time
      </label>
      {setup.pretend && (
        <div className={styles.clock}>
          <label className={styles.field}>
            <span className={styles.label}>Date and time</span>
            <input type="datetime-local" value={setup.dateTime} onChange={(e) => change({ dateTime: e.target.value })} required />
          </label>
          <label className={styles.field}>
            <span className={styles.label}>Time zone</span>
            <select value={setup.timeZone} onChange={(e) => change({ timeZone: e.target.value })}>
              {TIME_ZONE_OPTIONS.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label className={styles.check}>
        <input type="checkbox" checked={setup.realTime} onChange={(e) => change({ realTime: e.target.checked })} />
        Time out like a real call (otherwise the call waits for you)
      </label>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button type="submit" className={styles.callButton} disabled={busy} data-testid="start-test-call">
        {busy ? 'Calling…' : 'Call'}
      </button>
    </form>
  );
}
