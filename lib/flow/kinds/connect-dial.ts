import { CONNECT_DEFAULTS, type ConnectAction, type ConnectEndpoint } from '@/lib/ncco';
import { withoutDefaults } from '@/lib/runtime/engine/actions';
import type { RunContext, RunOutcome } from '@/lib/runtime/engine/rule';
import { isE164 } from '@/lib/runtime/template';
import type { ConnectData, Endpoint } from './connect';

/** Connect statuses that mean this endpoint will not answer (reference.md §1.5, §3): try the next one. */
export const FAILED_STATUSES: ReadonlySet<string> = new Set(['unanswered', 'busy', 'rejected', 'failed', 'timeout', 'cancelled']);

function endpointFor(e: Endpoint): ConnectEndpoint {
  switch (e.type) {
    case 'phone':
      return { type: 'phone', number: e.number.trim(), ...(e.dtmfAnswer && { dtmfAnswer: e.dtmfAnswer }) };
    case 'app':
      return { type: 'app', user: e.user };
    case 'sip':
      return { type: 'sip', uri: e.uri };
    case 'websocket':
      return { type: 'websocket', uri: e.uri, 'content-type': e.contentType as Extract<ConnectEndpoint, { type: 'websocket' }>['content-type'] };
    case 'vbc':
      return { type: 'vbc', extension: e.extension };
  }
}

/**
 * The caller ID for the new leg. Vonage only shows one of the account's numbers on a phone (the caller's
 * own cannot be passed through), so by default a phone endpoint sees the number the caller dialled. When
 * that is not a phone number (an app or SIP call), Vonage is asked to pick one of the application's.
 */
function callerId(data: ConnectData, ctx: RunContext, endpoint: Endpoint): Pick<ConnectAction, 'from' | 'randomFromNumber'> {
  if (data.from.trim()) return { from: data.from.trim() };
  if (endpoint.type !== 'phone') return {};
  if (isE164(ctx.call.to)) return { from: ctx.call.to };
  ctx.note(`The number dialled ("${ctx.call.to}") is not a phone number, so Vonage picks one of the application's numbers as caller ID`);
  return { randomFromNumber: true };
}

/**
 * Rings endpoint `index`: a synchronous connect, whose eventUrl hears about failures, then a notify that
 * resumes at the `answered` output once the connected call ends (nothing when the call would simply end).
 */
export function connectActions(data: ConnectData, ctx: RunContext, index: number): RunOutcome {
  const endpoint = data.endpoints[index];
  // Minted before the connect's own URL, so the connect's attempt stays this node's latest even when the
  // answered output leads back to this very node.
  const resume = ctx.resumeAt('answered');
  const connect = withoutDefaults(
    {
      action: 'connect' as const,
      endpoint: [endpointFor(endpoint)],
      ...callerId(data, ctx, endpoint),
      timeout: data.timeout,
      limit: data.limit,
      machineDetection: data.machineDetection || undefined,
      ringbackTone: data.ringbackTone.trim() || undefined,
      eventType: 'synchronous' as const,
      eventUrl: [ctx.continuationUrl('connect', { extra: { endpoint: String(index) } })],
    },
    CONNECT_DEFAULTS,
  );
  return { type: 'wait', actions: [connect, ...resume], connect: { endpointIndex: index } };
}
