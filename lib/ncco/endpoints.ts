import { z } from 'zod';
import { HttpUrlSchema } from './common';
import { LENIENT, STRICT, type Dialect } from './dialect';

/** Connect endpoint types (reference.md §1.5, "Endpoint objects"). */

const phoneShape = (d: Dialect) => ({
  type: z.literal('phone'),
  number: d.phoneNumber(),
  /** Keys sent when the callee answers; `p` pauses 500 ms. */
  dtmfAnswer: z.string().regex(/^[0-9#*p]*$/, 'dtmfAnswer uses 0-9, *, # and p (pause)').optional(),
  /** An NCCO run on the callee before the legs join. */
  onAnswer: d.object({ url: HttpUrlSchema, ringbackTone: HttpUrlSchema.optional() }).optional(),
  /** STIR/SHAKEN identity header, by arrangement with Vonage. */
  shaken: z.string().min(1).optional(),
});

const appShape = () => ({
  type: z.literal('app'),
  user: z.string().min(1, 'Name the application user to ring'),
});

const sipShape = (d: Dialect) => ({
  type: z.literal('sip'),
  uri: z.url({ protocol: /^sips?$/, error: 'Use a SIP URI such as sip:alice@example.com' }).optional(),
  /** `user` + `domain` (a trunk id from the dashboard) is the alternative to `uri`. */
  user: z.string().min(1).optional(),
  domain: z.string().min(1).optional(),
  /** Sent as `X-<key>: value` on the INVITE. */
  headers: z.record(z.string(), z.string()).optional(),
  standardHeaders: d
    .object({ 'User-to-User': z.string().min(1).max(256, 'User-to-User is at most 256 characters') })
    .optional(),
});

/** A SIP endpoint is addressed either by `uri` or by `user` + `domain`, never both (reference.md §1.5). */
function sipAddress(value: { uri?: string; user?: string; domain?: string }, ctx: z.RefinementCtx) {
  if (value.uri !== undefined && (value.user !== undefined || value.domain !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['uri'], message: 'Give either uri or user + domain, not both' });
  } else if (value.uri === undefined && (value.user === undefined || value.domain === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['uri'], message: 'Give a SIP uri, or both user and domain' });
  }
}

const websocketShape = (d: Dialect) => ({
  type: z.literal('websocket'),
  uri: z.url({ protocol: /^wss?$/, error: 'Use a ws:// or wss:// URI' }),
  // The wire key is hyphenated; the Node SDK's `contentType` is not what Vonage reads (reference.md §0.3).
  'content-type': z.enum(['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000'], {
    error: 'content-type is audio/l16;rate=8000, 16000 or 24000',
  }),
  /** Any JSON; Vonage echoes it back on the websocket's events. */
  headers: z.record(z.string(), z.unknown()).optional(),
  authorization: d
    .object({ type: z.enum(['vonage', 'custom']), value: z.string().min(1).optional() })
    .refine((auth) => auth.type !== 'custom' || auth.value !== undefined, {
      path: ['value'],
      message: 'custom authorization sends value verbatim, so give one',
    })
    .optional(),
});

const vbcShape = () => ({
  type: z.literal('vbc'),
  extension: z.string().min(1, 'Name the VBC extension'),
});

const ENDPOINT_ERROR = { error: 'Endpoint type is phone, app, sip, websocket or vbc' };

export const PhoneEndpointSchema = z.strictObject(phoneShape(STRICT));
export const AppEndpointSchema = z.strictObject(appShape());
export const SipEndpointSchema = z.strictObject(sipShape(STRICT)).superRefine(sipAddress);
export const WebsocketEndpointSchema = z.strictObject(websocketShape(STRICT));
export const VbcEndpointSchema = z.strictObject(vbcShape());

export const ConnectEndpointSchema = z.discriminatedUnion(
  'type',
  [PhoneEndpointSchema, AppEndpointSchema, SipEndpointSchema, WebsocketEndpointSchema, VbcEndpointSchema],
  ENDPOINT_ERROR
);

/** Keeps keys we do not model, e.g. the still-accepted legacy `onAnswer.ringback`. */
export const ConnectEndpointLenientSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject(phoneShape(LENIENT)),
    z.looseObject(appShape()),
    z.looseObject(sipShape(LENIENT)).superRefine(sipAddress),
    z.looseObject(websocketShape(LENIENT)),
    z.looseObject(vbcShape()),
  ],
  ENDPOINT_ERROR
);

export type ConnectEndpoint = z.infer<typeof ConnectEndpointSchema>;
export type PhoneEndpoint = z.infer<typeof PhoneEndpointSchema>;
export type AppEndpoint = z.infer<typeof AppEndpointSchema>;
export type SipEndpoint = z.infer<typeof SipEndpointSchema>;
export type WebsocketEndpoint = z.infer<typeof WebsocketEndpointSchema>;
export type VbcEndpoint = z.infer<typeof VbcEndpointSchema>;
export type ConnectEndpointType = ConnectEndpoint['type'];
