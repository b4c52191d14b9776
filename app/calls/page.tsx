import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import page from '@/app/_shell/page.module.css';
import { LocalTime } from '@/app/audit/local-time';
import { CallFilterSchema, listCalls } from '@/lib/calls/list';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { listFlows } from '@/lib/flows/read';
import { CALL_STATUSES, formatDuration, outcomeLabel } from './call-format';
import styles from './calls.module.css';
import { IgnoredFilters } from '@/app/_ui/ignored-filters';
import { readFilter, type SearchParams } from '@/app/_ui/search-params';
import { FilterActions } from '@/app/_ui/filter-actions';
import { FlowFilter } from '@/app/_ui/flow-filter';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Calls · Switchboard' };

/**
 * Every call, newest first: who called, which flow and version answered, how it went and how it ended.
 * Filters are a plain GET form; pages continue with a keyset cursor. A call opens in its flow's editor
 * with its path lit.
 */
export default async function CallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageAuth('viewer', '/calls');
  const { raw, filter, ignored } = await readFilter(CallFilterSchema, searchParams);
  const { calls, nextCursor } = listCalls(db(), filter);
  const flows = listFlows(db());
  const { cursor: _cursor, ...filters } = raw;
  const olderQuery = nextCursor ? new URLSearchParams({ ...filters, cursor: nextCursor }).toString() : null;

  return (
    <>
      <AppHeader actor={actor} current="calls" />
      <main className={page.main}>
        <div className={page.titleRow}>
          <div>
            <h1 className={page.title}>Calls</h1>
            <p className={page.subtitle}>Every call Switchboard answered, newest first. Open one to replay its path through the flow.</p>
          </div>
        </div>
        <IgnoredFilters ignored={ignored} />
        <section className={page.panel} aria-label="Calls">
          <form className={styles.filters} method="get" action="/calls">
            <div>
              <label htmlFor="calls-number">Number</label>
              <input id="calls-number" type="search" name="number" defaultValue={filter.number ?? ''} placeholder="Any part of a number" data-testid="calls-number" />
            </div>
            <FlowFilter id="calls-flow" flows={flows} value={filter.flowId} />
            <div>
              <label htmlFor="calls-status">Status</label>
              <select id="calls-status" name="status" defaultValue={filter.status ?? ''}>
                <option value="">Any status</option>
                {CALL_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="calls-since">From (UTC day)</label>
              <input id="calls-since" type="date" name="since" defaultValue={filter.since?.slice(0, 10) ?? ''} />
            </div>
            <div>
              <label htmlFor="calls-until">To (UTC day)</label>
              <input id="calls-until" type="date" name="until" defaultValue={filter.until?.slice(0, 10) ?? ''} />
            </div>
            <FilterActions clearHref="/calls" className={styles.filterActions} />
          </form>
          {calls.length === 0 ? (
            <p className={page.empty}>No calls match.</p>
          ) : (
            <table className={page.table} data-testid="calls-table">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Status</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {calls.map((call) => (
                  <tr key={call.uuid} data-testid="call-row" data-call={call.uuid}>
                    <td className={styles.when}>
                      <LocalTime date={call.startedAt} />
                    </td>
                    <td className={styles.number}>{call.from || '—'}</td>
                    <td className={styles.number}>{call.to}</td>
                    <td className={styles.flow}>
                      {call.flowId ? (
                        <Link href={`/flows/${call.flowId}?call=${encodeURIComponent(call.uuid)}`} title="Open the flow with this call's path lit">
                          {call.flowName ?? 'Deleted flow'}
                        </Link>
                      ) : (
                        <span className={page.muted}>No flow</span>
                      )}
                      {call.versionNumber !== null && <span className={styles.version}>v{call.versionNumber}</span>}
                      {call.simulated && <span className={styles.simulated}>simulated</span>}
                      {call.draft && <span className={styles.simulated}>draft test</span>}
                    </td>
                    <td className={styles.status}>{call.status}</td>
                    <td className={styles.duration}>{formatDuration(call.duration)}</td>
                    <td>
                      <span className={`${page.badge} ${styles.outcome}`} data-outcome={call.outcome}>
                        {outcomeLabel(call.outcome)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(olderQuery || filter.cursor) && (
            <div className={styles.pager}>
              {filter.cursor ? <Link href={`/calls?${new URLSearchParams(filters).toString()}`}>← Newest calls</Link> : <span />}
              {olderQuery && <Link href={`/calls?${olderQuery}`}>Older calls →</Link>}
            </div>
          )}
        </section>
        <p className={styles.footer} data-testid="retention-note">
          Calls, their events and voicemail are kept for {config().RETENTION_DAYS} days, then pruned (RETENTION_DAYS).
        </p>
      </main>
    </>
  );
}
