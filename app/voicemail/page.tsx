import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import page from '@/app/_shell/page.module.css';
import { LocalTime } from '@/app/audit/local-time';
import { formatDuration } from '@/app/calls/call-format';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { listFlows } from '@/lib/flows/read';
import { listRecordings, RecordingFilterSchema } from '@/lib/recordings/store';
import { vonageConfigured } from '@/lib/settings/vonage-credentials';
import styles from './voicemail.module.css';
import { readFilter, type SearchParams } from '@/app/_ui/search-params';
import { FlowFilter } from '@/app/_ui/flow-filter';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Voicemail · Switchboard' };

/**
 * Messages left through Record nodes, newest first: who called, on which flow, when, how long, and the
 * transcript when there is one. The audio plays through Switchboard (the browser never holds Vonage
 * credentials), which needs the application id and private key.
 */
export default async function VoicemailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageAuth('viewer', '/voicemail');
  const { raw, filter } = await readFilter(RecordingFilterSchema, searchParams);
  const { recordings, next } = listRecordings(db(), filter);
  const flows = listFlows(db());
  const playable = vonageConfigured(config());

  return (
    <>
      <AppHeader actor={actor} current="voicemail" />
      <main className={page.main}>
        <div className={page.titleRow}>
          <div>
            <h1 className={page.title}>Voicemail</h1>
            <p className={page.subtitle}>Recordings made by Record nodes, newest first.</p>
          </div>
        </div>
        {!playable && (
          <p className={page.notice} data-testid="playback-unavailable">
            Playback needs the Vonage application: set VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY, then restart Switchboard.
          </p>
        )}
        <section className={page.panel} aria-label="Voicemail">
          <form className={styles.filters} method="get" action="/voicemail">
            <FlowFilter id="voicemail-flow" flows={flows} value={filter.flowId} />
            <button type="submit">Filter</button>
          </form>
          {recordings.length === 0 ? (
            <p className={page.empty}>No voicemail yet.</p>
          ) : (
            <ul className={styles.list}>
              {recordings.map((recording) => (
                <li key={recording.id} id={recording.id} className={styles.item} data-testid="voicemail">
                  <div>
                    <div className={styles.caller}>{recording.caller || 'Unknown caller'}</div>
                    <div className={styles.meta}>
                      <LocalTime date={recording.startedAt ?? recording.receivedAt} />
                    </div>
                    <div className={styles.meta}>
                      {recording.flowId ? (
                        <Link href={recording.callUuid ? `/flows/${recording.flowId}?call=${encodeURIComponent(recording.callUuid)}` : `/flows/${recording.flowId}`}>
                          {recording.flowName ?? 'Deleted flow'}
                        </Link>
                      ) : (
                        'No flow'
                      )}
                      {recording.called && ` · to ${recording.called}`}
                      {recording.simulated && <span className={styles.simulated}>simulated</span>}
                    </div>
                  </div>
                  <div>{recording.transcript ? <p className={styles.transcript}>{recording.transcript}</p> : <p className={styles.noTranscript}>No transcript</p>}</div>
                  <div className={styles.player}>
                    {playable && <audio controls preload="none" src={`/api/recordings/${recording.id}/audio`} />}
                    <span className={styles.duration}>{formatDuration(recording.duration)}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {next && (
            <div className={styles.pager}>
              <Link href={`/voicemail?${new URLSearchParams({ ...raw, before: next }).toString()}`}>Older messages →</Link>
            </div>
          )}
        </section>
      </main>
    </>
  );
}
