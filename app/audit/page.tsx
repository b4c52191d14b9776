import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import page from '@/app/_shell/page.module.css';
import type { AuditRow } from '@/db/accounts-schema';
import { AUDIT_ACTION_IDS, AUDIT_ACTIONS, isAuditAction } from '@/lib/audit/actions';
import { describeAudit } from '@/lib/audit/describe';
import { AuditFilterSchema, listAudit } from '@/lib/audit/list';
import { listUsers } from '@/lib/auth/users';
import { db } from '@/lib/db';
import styles from './audit.module.css';
import { LocalTime } from './local-time';
import { IgnoredFilters } from '@/app/_ui/ignored-filters';
import { readFilter, type SearchParams } from '@/app/_ui/search-params';
import { FilterActions } from '@/app/_ui/filter-actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log · Switchboard' };

/** What an entry is about, linked when it can still be opened. */
function Target({ entry }: { entry: AuditRow }) {
  const label = isAuditAction(entry.action) ? AUDIT_ACTIONS[entry.action] : entry.action;
  const open = entry.targetType === 'flow' && entry.targetId && entry.action !== 'flow.deleted';
  return open ? <Link href={`/flows/${entry.targetId}`}>{label}</Link> : <>{label}</>;
}

/** Admins: who changed what and when, newest first, filtered by person, action and day (a plain GET form). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageAuth('admin', '/audit');
  const { raw, filter, ignored } = await readFilter(AuditFilterSchema, searchParams);
  const entries = listAudit(db(), filter);
  const users = listUsers(db());
  const older = entries.length === filter.limit ? entries[entries.length - 1]?.id : undefined;
  const olderQuery = new URLSearchParams({ ...raw, before: String(older) }).toString();

  return (
    <>
      <AppHeader actor={actor} current="audit" />
      <main className={page.main}>
        <div className={page.titleRow}>
          <div>
            <h1 className={page.title}>Audit log</h1>
            <p className={page.subtitle}>Who signed in, changed a flow, published, moved a number or managed users, and when.</p>
          </div>
        </div>
        <IgnoredFilters ignored={ignored} />
        <section className={page.panel} aria-label="Audit entries">
          <form className={styles.filters} method="get" action="/audit">
            <div>
              <label htmlFor="audit-actor">Who</label>
              <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ''}>
                <option value="">Anyone</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.email})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="audit-action">What</label>
              <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
                <option value="">Anything</option>
                {AUDIT_ACTION_IDS.map((id) => (
                  <option key={id} value={id}>
                    {AUDIT_ACTIONS[id]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="audit-from">From (UTC day)</label>
              <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ''} />
            </div>
            <div>
              <label htmlFor="audit-to">To (UTC day)</label>
              <input id="audit-to" type="date" name="to" defaultValue={filter.to ?? ''} />
            </div>
            <FilterActions clearHref="/audit" className={styles.filterActions} />
          </form>
          {entries.length === 0 ? (
            <p className={page.empty}>No entries match.</p>
          ) : (
            <table className={page.table}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Address</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id} data-action={entry.action}>
                    <td className={styles.when}>
                      <LocalTime date={entry.at} />
                    </td>
                    <td className={styles.who}>{entry.actorEmail ?? <span className={page.muted}>Unknown</span>}</td>
                    <td>
                      <span className={styles.action}>
                        <Target entry={entry} />
                      </span>
                      <span className={styles.summary}>{describeAudit(entry)}</span>
                    </td>
                    <td className={styles.ip}>{entry.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {older !== undefined && (
            <div className={styles.pager}>
              <Link href={`/audit?${olderQuery}`}>Older entries →</Link>
            </div>
          )}
        </section>
      </main>
    </>
  );
}
