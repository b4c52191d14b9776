import { isKindId, kindOf } from '@/lib/flow/registry';
import type { CallEvent } from './wire';

/** The filter groups of the event log, by what produced the event. */
export const EVENT_GROUPS = ['call', 'conversation', 'caller', 'runtime', 'problems'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

export const EVENT_GROUP_LABELS: Record<EventGroup, string> = {
  call: 'Call status',
  conversation: 'Conversation (RTC)',
  caller: 'Caller input & callbacks',
  runtime: 'Flow steps',
  problems: 'Problems only',
};

export function eventGroups(event: Pick<CallEvent, 'source' | 'type' | 'problem' | 'parsedOk'>): EventGroup[] {
  const groups: EventGroup[] = [];
  if (event.source === 'voice' || event.source === 'answer' || event.source === 'fallback') groups.push('call');
  if (event.source === 'rtc') groups.push('conversation');
  if (event.source === 'input' || event.source === 'connect' || event.source === 'recording') groups.push('caller');
  if (event.source === 'runtime') groups.push('runtime');
  if (event.problem !== null || !event.parsedOk || event.type === 'runtime:apology' || event.type === 'runtime:error') groups.push('problems');
  return groups;
}

type Fields = Record<string, unknown>;
const fieldsOf = (payload: unknown): Fields => (typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Fields) : {});
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

function kindLabel(kind: unknown): string {
  return typeof kind === 'string' && isKindId(kind) ? kindOf(kind).label : String(kind ?? 'node');
}

/** One line saying what an event was, for the log's rows. */
export function describeEvent(event: CallEvent): string {
  const p = fieldsOf(event.payload);
  if (!event.parsedOk) return event.problem ?? 'Unreadable body, kept as received';
  if (event.source === 'runtime') return describeStep(event.type, p);
  if (event.type === 'answer') return `Answer request: ${text(p.from) ?? '?'} called ${text(p.to) ?? '?'}`;
  if (event.type === 'fallback') return `Fallback: ${text(p.reason) ?? 'no reason given'}`;
  if (event.type === 'input') return describeInput(p);
  if (event.type === 'notify') return 'Resumed the flow (notify)';
  if (event.type.startsWith('connect:')) return `Connect: ${event.status ?? 'status'}${text(p.to) ? ` (${text(p.to)})` : ''}`;
  if (event.type === 'recording') return `Recording made${typeof p.size === 'number' ? ` (${Math.round(p.size / 1024)} KB)` : ''}`;
  if (event.type === 'transcription') return 'Transcript of a recording';
  if (event.type === 'voice:error') return `Error: ${text(p.reason) ?? 'unknown'}`;
  if (event.type === 'voice:transfer') return `Leg moved to ${text(p.conversation_uuid_to) ?? 'another Conversation'}`;
  if (event.type === 'voice:completed') return `completed${text(p.duration) ? ` after ${text(p.duration)} s` : ''}${text(p.disconnected_by) ? `, hung up by ${text(p.disconnected_by)}` : ''}`;
  if (event.type.startsWith('voice:') && event.status) {
    const route = [text(p.from), text(p.to)].filter(Boolean).join(' → ');
    return `${event.status}${text(p.direction) ? ` (${text(p.direction)})` : ''}${route ? ` ${route}` : ''}${text(p.detail) ? `: ${text(p.detail)}` : ''}`;
  }
  if (event.type.startsWith('rtc:')) return `${event.type.slice(4)}${text(p.from) ? ` from ${text(p.from)}` : ''}`;
  return event.problem ?? event.type;
}

function describeInput(p: Fields): string {
  const dtmf = fieldsOf(p.dtmf);
  const speech = fieldsOf(p.speech);
  const digits = text(dtmf.digits);
  if (digits) return `Caller pressed ${digits}`;
  const results = Array.isArray(speech.results) ? speech.results : [];
  const said = text(fieldsOf(results[0]).text);
  if (said) return `Caller said “${said}”`;
  return dtmf.timed_out === true || text(speech.timeout_reason) ? 'No input before the timeout' : 'Input result';
}

function describeStep(type: string, p: Fields): string {
  switch (type) {
    case 'runtime:enter':
      return `Entered ${kindLabel(p.kind)}`;
    case 'runtime:decision':
      return `Took “${text(p.handle) ?? '?'}”: ${text(p.reason) ?? ''}`.trim();
    case 'runtime:vars':
      return `Set ${Object.entries(fieldsOf(p.values)).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}`;
    case 'runtime:http':
      return `${text(p.method) ?? 'HTTP'} ${text(p.url) ?? ''} → ${p.status ?? text(p.failure) ?? 'failed'} in ${text(p.durationMs) ?? '?'} ms`;
    case 'runtime:defer':
      return 'Continues after the actions before it';
    case 'runtime:goto':
      return `Went to flow ${text(p.flowId) ?? ''}`;
    case 'runtime:wait':
      return 'Waiting for the caller or the connected party';
    case 'runtime:end':
      return p.reason === 'hangup' ? 'Hung up' : 'Ended: nothing connected to this output';
    case 'runtime:note':
      return text(p.message) ?? 'Note';
    case 'runtime:error':
      return `Error: ${text(p.message) ?? ''}`;
    case 'runtime:apology':
      return `Apology served: ${text(p.reason) ?? ''}`;
    default:
      return type;
  }
}
