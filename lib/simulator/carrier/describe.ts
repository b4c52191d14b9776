import type { NccoLenientAction } from '@/lib/ncco';

type Connect = Extract<NccoLenientAction, { action: 'connect' }>;
type Endpoint = Connect['endpoint'][number];

/** Who a connect rings, in a few words, and the `to` its leg's events carry. */
export function describeEndpoint(endpoint: Endpoint): { label: string; to: string } {
  switch (endpoint.type) {
    case 'phone':
      return { label: `+${endpoint.number}`, to: endpoint.number };
    case 'app':
      return { label: `app user ${endpoint.user}`, to: endpoint.user };
    case 'sip': {
      const uri = endpoint.uri ?? `sip:${endpoint.user ?? ''}@${endpoint.domain ?? ''}`;
      return { label: uri, to: uri };
    }
    case 'websocket':
      return { label: endpoint.uri, to: endpoint.uri };
    case 'vbc':
      return { label: `extension ${endpoint.extension}`, to: endpoint.extension };
  }
}

/** A record action's end conditions, as the transcript says them. */
export function describeRecordEnd(action: Extract<NccoLenientAction, { action: 'record' }>): string {
  const ends = [
    action.endOnKey ? `press ${action.endOnKey}` : null,
    action.endOnSilence ? `${action.endOnSilence} s of silence` : null,
    action.timeOut ? `${action.timeOut} s` : null,
  ].filter((part) => part !== null);
  return ends.length > 0 ? `ends on ${ends.join(', ')}` : 'runs until the call ends';
}
