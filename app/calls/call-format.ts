import { OUTCOME_LABELS, type CallOutcome } from '@/lib/calls/outcome';

/** 62 → "1:02"; null → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function outcomeLabel(outcome: CallOutcome): string {
  return OUTCOME_LABELS[outcome];
}

/** Vonage call statuses worth filtering by (reference.md §3), in the order a call goes through them. */
export const CALL_STATUSES = ['started', 'ringing', 'answered', 'completed', 'busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout'] as const;
