'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { formatIssue } from '@/lib/api/issues';
import type { PublishedBody } from '@/lib/api/publish-handlers';
import type { Problem } from '@/lib/api/responses';
import type { Wire } from '@/lib/api/wire';
import type { PublishReport } from '@/lib/publish/publish';
import { VERSION_NOTE_MAX } from '@/lib/versions/create-version';
import { useEditorContext } from '../editor-context';
import { ChecksSection } from './checks-section';
import { ConfirmationSection } from './confirmation-section';
import { DiffList } from './diff-list';
import { NumbersSection } from './numbers-section';
import { Outcomes } from './outcomes';
import { publish, publishReport, rollback } from './release-api';
import { useRelease } from './release-context';
import styles from './release.module.css';
import { useRevealNode } from './use-reveal-node';

type Published = Wire<PublishedBody>;

/**
 * Publishing, step by step: the checks, the diff against the live version (also drawn on the canvas), a
 * note, the target numbers and, when Vonage's application must change, the confirmation. The report is a
 * dry run of the same route, so what is shown is what the publish will check.
 */
export function PublishTab({ flush }: { flush: () => Promise<void> }) {
  const { flowId } = useEditorContext();
  const { requested, showDiff } = useRelease();
  const reveal = useRevealNode();
  const [selected, setSelected] = useState<string[] | null>(null);
  const [report, setReport] = useState<Wire<PublishReport> | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Problem['error'] | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  // A report that arrives after the tab closed must not paint its diff on the canvas again.
  const mounted = useRef(true);

  const load = useCallback(
    async (numbers: string[] | null) => {
      setReport(null);
      await flush();
      const answer = await publishReport(flowId, numbers ?? undefined);
      if (!mounted.current) return;
      if (!answer.ok) return setLoadProblem(answer.problem.message);
      const { report: next } = answer.body;
      if (numbers === null) {
        // First look: the flow's own numbers, plus one asked for in the address (?publish=).
        const initial = [...new Set([...next.targets.map((t) => t.number), ...requested.filter((n) => next.candidates.some((c) => c.number === n))])];
        setSelected(initial);
        if (initial.length !== next.targets.length) return load(initial);
      }
      setLoadProblem(null);
      setReport(next);
      showDiff(next.diff);
    },
    [flowId, flush, requested, showDiff],
  );

  useEffect(() => {
    mounted.current = true;
    void load(null);
    return () => {
      mounted.current = false;
      showDiff(null);
    };
  }, [load, showDiff]);

  const toggle = (number: string, checked: boolean) => {
    const next = checked ? [...(selected ?? []), number] : (selected ?? []).filter((n) => n !== number);
    setSelected(next);
    setConfirmed(false);
    void load(next);
  };

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const answer = await publish(flowId, { note: note.trim(), numbers: selected ?? [], acknowledgeWarnings: acknowledged, confirmApplicationWebhooks: confirmed });
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.problem);
      // The application changed since the report: show what must be confirmed now.
      if (answer.problem.confirmation && report) setReport({ ...report, confirmation: answer.problem.confirmation });
      // The draft was saved while the checks ran: show the checks and changes of the draft as it is now.
      if (answer.problem.code === 'stale_revision') void load(selected);
      return;
    }
    setPublished(answer.body);
    showDiff(null);
  };

  const retry = async (numbers: string[]) => {
    if (!published) return;
    setBusy(true);
    // Only what the user agreed to: a retry never changes the Vonage application unasked.
    const answer = await rollback(flowId, { versionId: published.version.id, numbers, confirmApplicationWebhooks: confirmed });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.problem);
    setFailure(null);
    const retried = new Map(answer.body.numbers.map((n) => [n.number, n]));
    setPublished({ ...published, numbers: published.numbers.map((n) => retried.get(n.number) ?? n) });
  };

  if (published) {
    return (
      <div className={styles.scroll}>
        <p className={styles.published} role="status" data-testid="published-version">
          Version {published.version.number} {published.created ? 'published' : 'is the newest: nothing new to publish'}
        </p>
        <Outcomes versionNumber={published.version.number} numbers={published.numbers} onRetry={retry} busy={busy} />
        {failure && <p className={styles.error} role="alert">{failure.message}</p>}
        {failure?.confirmation && <ConfirmationSection confirmation={failure.confirmation} confirmed={confirmed} onConfirm={setConfirmed} />}
      </div>
    );
  }
  if (loadProblem) return <p className={styles.error} role="alert">{loadProblem}</p>;
  if (!report) return <p className={styles.loading} data-testid="publish-loading">Checking the draft and running its scenarios…</p>;

  const { checks, diff, confirmation } = report;
  const blocked =
    checks.errors.length > 0 ||
    (checks.warnings.length > 0 && !acknowledged) ||
    checks.scenarios.some((s) => !s.passed) ||
    (confirmation !== null && !confirmed);
  const against = diff.from.kind === 'version' ? `version ${diff.from.number}${diff.from.live ? ' (live)' : ''}` : 'nothing: this is the first version';
  return (
    <>
      <div className={styles.scroll}>
        <ChecksSection {...checks} acknowledged={acknowledged} onAcknowledge={setAcknowledged} onReveal={reveal} />
        <section className={styles.section} aria-label="Changes">
          <h3 className={styles.heading}>Changes since {against}</h3>
          <p className={styles.legend}>
            On the canvas: <span data-legend="added">new</span> <span data-legend="changed">changed</span> <span data-legend="removed">removed</span>
          </p>
          <DiffList report={diff} onReveal={reveal} />
        </section>
        <section className={styles.section}>
          <label htmlFor="publish-note" className={styles.heading}>
            Note (optional)
          </label>
          <input id="publish-note" value={note} maxLength={VERSION_NOTE_MAX} placeholder="What changed, e.g. New holiday hours" onChange={(e) => setNote(e.target.value)} />
        </section>
        <NumbersSection report={report} selected={selected ?? []} onToggle={toggle} />
        {confirmation && <ConfirmationSection confirmation={confirmation} confirmed={confirmed} onConfirm={setConfirmed} />}
        {failure && (
          <div className={styles.error} role="alert">
            <strong>{failure.message}</strong>
            {failure.issues && failure.issues.length > 0 && (
              <ul>
                {failure.issues.map((i) => (
                  <li key={formatIssue(i)}>{formatIssue(i)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <footer className={styles.footer}>
        <button type="button" className="primary" onClick={submit} disabled={busy || blocked} data-testid="publish-confirm">
          {busy ? 'Publishing…' : selected && selected.length > 0 ? `Publish to ${selected.length === 1 ? selected[0] : `${selected.length} numbers`}` : 'Publish'}
        </button>
      </footer>
    </>
  );
}
