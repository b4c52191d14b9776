import { z } from 'zod';

/**
 * One number of GET /account/numbers as Vonage sends it (reference.md §6.3: camelCase keys except msisdn
 * and country). Loose: Vonage adds fields over time and none of them should make the list fail.
 */
const OwnedNumberWireSchema = z.looseObject({
  country: z.string(),
  msisdn: z.string(),
  type: z.string().optional(),
  features: z.array(z.string()).optional(),
  voiceCallbackType: z.string().optional(),
  voiceCallbackValue: z.string().optional(),
  // Newer responses may name the linked application directly (unconfirmed, reference.md §6.3).
  app_id: z.string().optional(),
});

/**
 * Where Vonage sends a number's voice calls. A `sip` or `tel` callback overrides the application
 * (README §0), so such a number never reaches Switchboard even when linked.
 */
export type VoiceRoute =
  | { type: 'app'; applicationId: string }
  | { type: 'sip'; uri: string }
  | { type: 'tel'; number: string }
  | { type: 'other'; callbackType: string; value: string }
  | { type: 'none' };

function voiceRouteOf(wire: z.infer<typeof OwnedNumberWireSchema>): VoiceRoute {
  const type = wire.voiceCallbackType ?? '';
  const value = wire.voiceCallbackValue ?? '';
  if (type === 'sip') return { type: 'sip', uri: value };
  if (type === 'tel') return { type: 'tel', number: value };
  if (type === 'app' && value) return { type: 'app', applicationId: value };
  if (type === '' && wire.app_id) return { type: 'app', applicationId: wire.app_id };
  return type === '' || type === 'app' ? { type: 'none' } : { type: 'other', callbackType: type, value };
}

export const OwnedNumberSchema = OwnedNumberWireSchema.transform((wire) => ({
  msisdn: wire.msisdn,
  country: wire.country,
  type: wire.type ?? '',
  features: wire.features ?? [],
  voice: voiceRouteOf(wire),
}));

/** A number in the Vonage account, with where its voice calls go. */
export type OwnedNumber = z.output<typeof OwnedNumberSchema>;

/** One page of GET /account/numbers. Vonage leaves `numbers` out when the page is empty. */
export const OwnedNumbersPageSchema = z.object({
  count: z.coerce.number().int().min(0).default(0),
  numbers: z.array(OwnedNumberSchema).default([]),
});

/** A number's voice link as the numbers page and the health view word it. */
export type LinkState = 'linked' | 'other_application' | 'sip' | 'tel' | 'other' | 'unlinked';

export function linkStateOf(number: Pick<OwnedNumber, 'voice'>, applicationId: string | undefined): LinkState {
  switch (number.voice.type) {
    case 'app':
      return number.voice.applicationId === applicationId ? 'linked' : 'other_application';
    case 'sip':
      return 'sip';
    case 'tel':
      return 'tel';
    case 'other':
      return 'other';
    case 'none':
      return 'unlinked';
    default:
      return exhaustive(number.voice);
  }
}

function exhaustive(value: never): never {
  throw new Error(`Unhandled voice route ${JSON.stringify(value)}`);
}
