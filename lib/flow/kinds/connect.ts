import { z } from 'zod';
import { newId } from '../ids';
import { list, str, type Loose } from '../loose';
import { defineKind } from '../node-kind';
import { connectActions, FAILED_STATUSES } from './connect-dial';
import { httpsUrlProblem, ItemIdSchema, phoneProblem } from './formats';

export const ENDPOINT_TYPES = {
  phone: 'Phone number',
  app: 'App user',
  sip: 'SIP address',
  websocket: 'WebSocket',
  vbc: 'Vonage Business extension',
} as const;
export type EndpointType = keyof typeof ENDPOINT_TYPES;
const ENDPOINT_TYPE_IDS = Object.keys(ENDPOINT_TYPES) as [EndpointType, ...EndpointType[]];

export const WEBSOCKET_CONTENT_TYPES = ['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000'] as const;

/** Every endpoint carries every field so switching its type keeps what was typed; only its type's fields are checked. */
const EndpointSchema = z.object({
  id: ItemIdSchema,
  type: z.enum(ENDPOINT_TYPE_IDS, { error: 'Choose what to connect to' }),
  number: z.string(),
  user: z.string(),
  uri: z.string(),
  extension: z.string(),
  contentType: z.string(),
  dtmfAnswer: z.string(),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

/** The message for the one field of an endpoint that is wrong, keyed by that field. */
function endpointProblem(e: Endpoint): [keyof Endpoint, string] | null {
  switch (e.type) {
    case 'phone': {
      const problem = phoneProblem(e.number);
      if (problem) return ['number', problem];
      return /^[0-9*#p]{0,50}$/.test(e.dtmfAnswer) ? null : ['dtmfAnswer', 'Use digits, * and #, with p for a half-second pause'];
    }
    case 'app':
      return /^\S{1,100}$/.test(e.user) ? null : ['user', 'Give the app user name (no spaces)'];
    case 'sip':
      return /^sips?:[^\s@]+@\S+$/i.test(e.uri) ? null : ['uri', 'Give a SIP address such as sip:reception@pbx.example.com'];
    case 'websocket':
      if (!/^wss?:\/\/\S+$/i.test(e.uri) || !URL.canParse(e.uri)) return ['uri', 'Give a WebSocket address starting with wss://'];
      return (WEBSOCKET_CONTENT_TYPES as readonly string[]).includes(e.contentType) ? null : ['contentType', 'Choose an audio format'];
    case 'vbc':
      return /^\d{1,12}$/.test(e.extension) ? null : ['extension', 'Give the extension number (digits only)'];
  }
}

/** An endpoint in a few words, for summaries and lint messages. */
export function describeEndpoint(e: Loose<Endpoint> | null): string {
  switch (e?.type) {
    case 'phone':
      return str(e.number) ? `+${str(e.number)}` : 'a phone number';
    case 'app':
      return str(e.user) ? `app user ${str(e.user)}` : 'an app user';
    case 'sip':
    case 'websocket':
      return str(e.uri) || `a ${ENDPOINT_TYPES[e.type]} address`;
    case 'vbc':
      return str(e.extension) ? `extension ${str(e.extension)}` : 'an extension';
    default:
      return 'nobody yet';
  }
}

const newEndpoint = () => ({
  id: newId('ep'),
  type: 'phone' as const,
  number: '',
  user: '',
  uri: '',
  extension: '',
  contentType: 'audio/l16;rate=16000',
  dtmfAnswer: '',
});

const schema = z
  .object({
    endpoints: z.array(EndpointSchema).min(1, 'Add someone to connect to').max(5, 'At most 5 to try in turn'),
    /** Caller ID for the new leg; '' leaves it to the runtime (the number the caller dialled). */
    from: z.string(),
    timeout: z.number().int('A whole number of seconds').min(1, 'At least 1 second').max(120, 'Vonage rings for at most 120 seconds'),
    limit: z.number().int('A whole number of seconds').min(1, 'At least 1 second').max(7200, 'A call can last at most 7,200 seconds (2 hours)'),
    ringbackTone: z.string(),
    machineDetection: z.enum(['', 'continue', 'hangup'], { error: 'Choose what to do about answering machines' }),
  })
  .superRefine((data, ctx) => {
    data.endpoints.forEach((endpoint, i) => {
      const problem = endpointProblem(endpoint);
      if (problem) ctx.addIssue({ code: 'custom', path: ['endpoints', i, problem[0]], message: problem[1] });
    });
    const fromProblem = data.from ? phoneProblem(data.from) : null;
    if (fromProblem) ctx.addIssue({ code: 'custom', path: ['from'], message: fromProblem });
    const toneProblem = data.ringbackTone ? httpsUrlProblem(data.ringbackTone) : null;
    if (toneProblem) ctx.addIssue({ code: 'custom', path: ['ringbackTone'], message: toneProblem });
  });

/** A Connect's data as its strict schema accepts it. */
export type ConnectData = z.infer<typeof schema>;

/**
 * Puts the caller through to someone else (NCCO `connect`). Vonage dials one endpoint per connect, so the
 * runtime tries the endpoints in order and takes `failed` only when none answers.
 */
export const connect = defineKind({
  kind: 'connect',
  label: 'Connect',
  icon: [
    'M18 2l4 4-4 4',
    'M14 6h8',
    'M22 16.92v3a2 2 0 0 1-2.18 2 19.79 19.79 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6 19.79 19.79 0 0 1-3.07-8.67A2 2 0 0 1 4.11 2h3a2 2 0 0 1 2 1.72 12.84 12.84 0 0 0 .7 2.81 2 2 0 0 1-.45 2.11L8.09 9.91a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45 12.84 12.84 0 0 0 2.81.7A2 2 0 0 1 22 16.92z',
  ],
  category: 'connect',
  description: 'Put the caller through to a phone number, app user, SIP address or extension.',
  schema,
  defaults: () => ({ endpoints: [newEndpoint()], from: '', timeout: 30, limit: 7200, ringbackTone: '', machineDetection: '' as const }),
  outputs: () => [
    { id: 'answered', label: 'answered' },
    { id: 'failed', label: 'no answer' },
  ],
  summary: (data) => {
    const endpoints = list(data.endpoints);
    const first = `Call ${describeEndpoint(endpoints[0] ?? null)}`;
    return endpoints.length > 1 ? `${first}, then ${endpoints.length - 1} more` : first;
  },
  fields: [
    {
      type: 'list',
      key: 'endpoints',
      label: 'Connect to',
      itemLabel: 'Destination',
      help: 'Tried one after another until someone answers',
      create: newEndpoint,
      fields: [
        { type: 'select', key: 'type', label: 'Type', options: ENDPOINT_TYPE_IDS.map((t) => ({ value: t, label: ENDPOINT_TYPES[t] })) },
        {
          type: 'text',
          key: 'number',
          label: 'Phone number',
          placeholder: '447700900123',
          help: 'International format, digits only: country code first, no + or spaces',
          visible: (e) => e.type === 'phone',
        },
        {
          type: 'text',
          key: 'dtmfAnswer',
          label: 'Keys to press on answer',
          placeholder: 'p123#',
          help: 'Optional: reaches an extension behind a switchboard; p waits half a second',
          visible: (e) => e.type === 'phone',
        },
        { type: 'text', key: 'user', label: 'App user', placeholder: 'alice', visible: (e) => e.type === 'app' },
        {
          type: 'text',
          key: 'uri',
          label: 'Address',
          placeholder: 'sip:reception@pbx.example.com',
          help: 'SIP: sip:name@host. WebSocket: wss://host/path',
          visible: (e) => e.type === 'sip' || e.type === 'websocket',
        },
        {
          type: 'select',
          key: 'contentType',
          label: 'Audio format',
          options: WEBSOCKET_CONTENT_TYPES.map((t) => ({ value: t, label: `${t.split('=')[1]} Hz, 16-bit` })),
          visible: (e) => e.type === 'websocket',
        },
        { type: 'text', key: 'extension', label: 'Extension', placeholder: '1234', visible: (e) => e.type === 'vbc' },
      ],
    },
    {
      type: 'text',
      key: 'from',
      label: 'Show this caller ID',
      placeholder: '447700900000',
      help: 'One of your Vonage numbers, digits only. Empty uses the number the caller dialled.',
    },
    { type: 'number', key: 'timeout', label: 'Ring for', min: 1, max: 120, step: 1, unit: 's', help: 'Then try the next destination, or take "no answer"' },
    { type: 'number', key: 'limit', label: 'Longest call', min: 1, max: 7200, step: 60, unit: 's', help: 'The connected call is ended after this long' },
    {
      type: 'text',
      key: 'ringbackTone',
      label: 'Ringing sound',
      placeholder: 'https://example.com/audio/ringing.mp3',
      help: 'Optional https:// link to audio the caller hears while waiting; phone networks usually supply their own',
    },
    {
      type: 'select',
      key: 'machineDetection',
      label: 'Answering machines',
      options: [
        { value: '', label: 'Do not detect' },
        { value: 'continue', label: 'Detect, but keep the call' },
        { value: 'hangup', label: 'Hang up on a machine' },
      ],
    },
  ],
  hasInput: true,
  interactive: true,
  run: { serverSide: false, execute: (data, ctx) => connectActions(data, ctx, 0) },
  resume: {
    connect: (data, ctx, { endpointIndex, status }) => {
      if (!FAILED_STATUSES.has(status)) return { type: 'ignore', reason: `${describeEndpoint(data.endpoints[endpointIndex] ?? null)}: ${status}` };
      const next = endpointIndex + 1;
      if (next < data.endpoints.length) {
        ctx.note(`${describeEndpoint(data.endpoints[endpointIndex] ?? null)}: ${status}; trying ${describeEndpoint(data.endpoints[next] ?? null)}`);
        return connectActions(data, ctx, next);
      }
      return ctx.decide('failed', status, `Nobody answered (${describeEndpoint(data.endpoints[endpointIndex] ?? null)}: ${status})`);
    },
  },
});
