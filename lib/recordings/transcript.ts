import type { Db } from '@/db/client';
import { errorMessage, log } from '@/lib/log';
import { setTranscript } from './store';
import { fetchVonageFile, type VonageFetchDeps } from './vonage-fetch';

/** Keys whose string values are the spoken words in the transcript formats seen (sentence-level first). */
const TEXT_KEYS = ['sentence', 'transcript', 'text'] as const;
const MAX_TRANSCRIPT_CHARS = 20_000;

/**
 * The words of a transcript document. Vonage's format is not confirmed (reference.md §1.4), so this reads
 * leniently: a plain string, or the `sentence`/`transcript`/`text` strings found anywhere in the JSON, in
 * document order, using the most specific key present so sentences are not repeated by their summaries.
 */
export function transcriptText(document: unknown): string | null {
  if (typeof document === 'string') return document.trim() || null;
  for (const key of TEXT_KEYS) {
    const found: string[] = [];
    collect(document, key, found);
    const text = found.join(' ').replace(/\s+/g, ' ').trim();
    if (text) return text.slice(0, MAX_TRANSCRIPT_CHARS);
  }
  return null;
}

function collect(value: unknown, key: string, into: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => collect(item, key, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') into.push(v);
      else collect(v, key, into);
    }
  }
}

/**
 * Fetches a transcript Vonage announced by URL and files its text with the recording. Runs after the
 * webhook has been answered; a failure is logged and the inbox keeps showing the recording without text.
 */
export async function fetchTranscript(db: Db, recordingUuid: string, url: string, deps: VonageFetchDeps): Promise<void> {
  const result = await fetchVonageFile(url, { accept: 'application/json' }, deps);
  if (result.type !== 'response') {
    log.warn('transcript.not_fetched', { recordingUuid, reason: result.type === 'refused' ? result.reason : result.message });
    return;
  }
  if (!result.response.ok) {
    log.warn('transcript.not_fetched', { recordingUuid, status: result.response.status });
    return;
  }
  try {
    const body = await result.response.text();
    const text = transcriptText(parseJson(body));
    if (text) setTranscript(db, recordingUuid, { text });
  } catch (error) {
    log.warn('transcript.unreadable', { recordingUuid, message: errorMessage(error) });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
