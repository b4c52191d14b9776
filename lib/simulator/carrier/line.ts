import type { NccoLenient } from '@/lib/ncco';
import type { CallerAction, TranscriptEntry, Waiting } from '../transcript';
import type { CarrierOptions, CarrierPhase, Rest } from './types';
import { webhookSender } from './webhooks';

/** A recording in progress: posted as a recording event when it ends. */
export type Recording = { uuid: string; startedAt: Date; url: string; method: 'GET' | 'POST' };

/**
 * One call's state inside the carrier. Mutable on purpose: it belongs to one carrier, which serialises
 * everything that touches it (start, the tester's actions, timers).
 */
export type Line = {
  readonly options: CarrierOptions;
  readonly transcript: TranscriptEntry[];
  readonly hooks: ReturnType<typeof webhookSender>;
  phase: CarrierPhase;
  running: NccoLenient | null;
  /** The index of the next action to run in `running`. */
  next: number;
  rest: Rest | null;
  /** The recording a synchronous record action is making while the call rests on it. */
  recording: Recording | null;
  /** Records without an end condition: they run until the call ends. */
  background: Recording[];
  answeredAt: Date | null;
  /** Bumped whenever the rest changes, so a timer armed for an earlier rest does nothing. */
  generation: number;
  cancelTimer: (() => void) | null;
  /** Queues an action as if the tester took it: how a real-time timer times something out. */
  readonly wake: (action: CallerAction) => void;
};

export function newLine(options: CarrierOptions, wake: (action: CallerAction) => void): Line {
  const transcript: TranscriptEntry[] = [];
  return {
    options,
    transcript,
    hooks: webhookSender(options, (entry) => transcript.push(entry)),
    phase: 'ringing',
    running: null,
    next: 0,
    rest: null,
    recording: null,
    background: [],
    answeredAt: null,
    generation: 0,
    cancelTimer: null,
    wake,
  };
}

export function note(line: Line, text: string): void {
  line.transcript.push({ type: 'note', text });
}

/** A new NCCO replaces whatever was left of the running one (reference.md §1, point 4). */
export function take(line: Line, ncco: NccoLenient): void {
  line.running = ncco;
  line.next = 0;
  line.options.onNcco?.(ncco);
}

/** Rests on an action until the tester (or, in real time, a timer) moves the call on. */
export function restOn(line: Line, rest: Rest, timeoutSeconds?: number): void {
  clearRest(line);
  line.rest = rest;
  const generation = line.generation;
  const timers = line.options.timers;
  if (timers && timeoutSeconds !== undefined) {
    line.cancelTimer = timers.set(timeoutSeconds * 1000, () => {
      if (line.generation === generation && line.phase === 'answered') line.wake({ type: 'timeout' });
    });
  }
}

export function clearRest(line: Line): void {
  line.cancelTimer?.();
  line.cancelTimer = null;
  line.rest = null;
  line.generation += 1;
}

/** Whether the call rests on this kind of wait, narrowed. */
export function restingOn<T extends Waiting['type']>(line: Line, type: T): (Rest & { waiting: Extract<Waiting, { type: T }> }) | null {
  const rest = line.rest;
  return rest && rest.waiting.type === type ? (rest as Rest & { waiting: Extract<Waiting, { type: T }> }) : null;
}
