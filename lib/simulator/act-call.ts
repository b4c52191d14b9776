import { persistCall } from './persist';
import type { SimulatorDeps } from './deps';
import { runningCalls } from './registry';
import { mustRead, touch, type SimulatorResult } from './start-call';
import { getSimulatedCall } from './store';
import type { CallerAction } from './transcript';

/** Does what the tester asked on a running call; resolves once the call waits again (or has ended). */
export async function actOnSimulatedCall(deps: SimulatorDeps, uuid: string, action: CallerAction): Promise<SimulatorResult> {
  const running = runningCalls().get(uuid);
  if (!running) {
    return getSimulatedCall(deps.db, uuid)
      ? { ok: false, reason: 'not_running', message: 'This test call is over; start another' }
      : { ok: false, reason: 'not_found', message: `There is no test call ${JSON.stringify(uuid)}` };
  }
  touch(running);
  const result = await running.carrier.act(action);
  persistCall(deps, running);
  // The call was deleted with its flow while it ran.
  if (!getSimulatedCall(deps.db, uuid)) return { ok: false, reason: 'not_found', message: 'The flow of this test call was deleted' };
  return result.ok ? { ok: true, call: mustRead(deps, uuid) } : { ok: false, reason: 'refused', message: result.reason };
}
