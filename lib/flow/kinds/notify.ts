import { z } from 'zod';
import { str } from '../loose';
import { defineKind, NEXT } from '../node-kind';
import { clip, httpUrlProblem, stringWith, TEMPLATE } from './formats';
import { renderJsonObject, renderUrl } from '@/lib/runtime/engine/actions';

/**
 * Whether payload text is a JSON object once its {{templates}} are filled. A template stands in for a
 * value, inside quotes ("{{call.from}}") or bare ({{count}}), so each is tried as the number 0.
 */
export function payloadProblem(text: string): string | null {
  if (!text.trim()) return 'Give a JSON object, e.g. { "caller": "{{call.from}}" }';
  if (text.length > 10_000) return 'Keep the payload under 10,000 characters';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(TEMPLATE, '0'));
  } catch (error) {
    return `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? null
    : 'The payload must be a JSON object in { }';
}

/** Sends a JSON message about the call to your web service (NCCO `notify`); the flow then carries on. */
export const notify = defineKind({
  kind: 'notify',
  label: 'Notify',
  icon: [
    'M22 2 11 13',
    'M22 2 15 22l-4-9-9-4 20-7z',
  ],
  category: 'logic',
  description: 'Send details of the call to your web service, e.g. to log it or alert a team.',
  schema: z.object({
    url: stringWith(httpUrlProblem),
    method: z.enum(['POST', 'GET'], { error: 'Choose POST or GET' }),
    payload: stringWith(payloadProblem),
  }),
  defaults: () => ({
    url: '',
    method: 'POST' as const,
    payload: '{\n  "caller": "{{call.from}}",\n  "called": "{{call.to}}"\n}',
  }),
  outputs: () => NEXT,
  summary: (data) => {
    const url = str(data.url).trim();
    return url ? clip(`${str(data.method) || 'POST'} ${url.replace(/^https?:\/\//i, '')}`) : 'No address yet';
  },
  fields: [
    {
      type: 'text',
      key: 'url',
      label: 'Address (URL)',
      templated: true,
      placeholder: 'https://example.com/hooks/call',
      help: 'The web address that receives the message',
    },
    {
      type: 'select',
      key: 'method',
      label: 'Method',
      options: [
        { value: 'POST', label: 'POST' },
        { value: 'GET', label: 'GET' },
      ],
    },
    {
      type: 'text',
      key: 'payload',
      label: 'Message (JSON)',
      multiline: true,
      templated: true,
      help: 'A JSON object; {{variables}} are filled in',
    },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: true,
    execute: (data, ctx) => {
      const url = renderUrl(ctx, data.url, 'address');
      ctx.notify({ url, method: data.method, payload: renderJsonObject(ctx, data.payload, 'message') });
      ctx.note(`Sent a ${data.method} notification to ${url}`);
      return { type: 'next', handle: 'next' };
    },
  },
});
