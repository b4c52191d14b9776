import type { CallerAction } from '../transcript';
import { newLine } from './line';
import { startCall } from './lifecycle';
import { respond } from './respond';
import type { ActResult, CarrierOptions, CarrierSnapshot } from './types';

export type Carrier = {
  /** Rings Switchboard and runs the call until it first waits for the tester (or ends). */
  start(): Promise<void>;
  /** Applies what the tester does; resolves once the call rests again. */
  act(action: CallerAction): Promise<ActResult>;
  snapshot(): CarrierSnapshot;
};

/**
 * A virtual carrier: one inbound call, played the way Vonage plays it against Switchboard's webhooks.
 * Everything that touches the call (start, actions, real-time timers) runs one at a time, in order.
 */
export function createCarrier(options: CarrierOptions, onSettled?: () => void): Carrier {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.then(
      () => onSettled?.(),
      () => onSettled?.(),
    );
    return result;
  };
  // A timer's timeout is queued like any action; its outcome is seen through the snapshot.
  const line = newLine(options, (action) => void serial(() => respond(line, action)));
  return {
    start: () => serial(() => startCall(line)),
    act: (action) => serial(() => respond(line, action)),
    snapshot: () => ({
      phase: line.phase,
      transcript: [...line.transcript],
      rest: line.rest,
      running: line.running,
    }),
  };
}
