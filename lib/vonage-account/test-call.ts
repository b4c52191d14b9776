import type { Vonage } from '@vonage/server-sdk';
import { z } from 'zod';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { connect, hostsOf, timeoutOf, type VonageDeps } from './client';
import { attempt } from './describe-failure';
import { failure, type VonageResult } from './result';

/** An outbound test call: from one of the account's numbers to the user's phone, running `answerUrl`. */
export const TestCallSchema = z.object({
  from: NumberDigitsSchema,
  to: NumberDigitsSchema,
  answerUrl: z.url({ protocol: /^https?$/, error: 'The answer URL must be an absolute http(s) URL' }),
});

export type TestCallInput = z.input<typeof TestCallSchema>;

/** POST /v1/calls answers 201 with the new leg (reference.md §6.5); the SDK adds `conversationUUID`. */
const CreatedCallSchema = z.object({
  uuid: z.string().min(1),
  status: z.string(),
  conversationUUID: z.string().optional(),
  conversation_uuid: z.string().optional(),
});

type OutboundCall = Parameters<Vonage['voice']['createOutboundCall']>[0];
/** The SDK types methods as an enum it does not re-export; on the wire it is the plain string. */
const POST = 'POST' as NonNullable<OutboundCall['eventMethod']>;

export type PlacedCall = { uuid: string; status: string; conversationUuid: string };

/**
 * Calls the user's phone from an owned number. The answer URL (carrying a signed draft token, built by the
 * caller) is fetched by POST, like the application's own answer URL, so one signature check covers both.
 */
export async function placeTestCall(deps: VonageDeps, input: TestCallInput): Promise<VonageResult<PlacedCall>> {
  const action = 'place the test call';
  const parsed = TestCallSchema.safeParse(input);
  if (!parsed.success) return failure('rejected', `Could not ${action}: ${parsed.error.issues[0]?.message}.`);
  const client = connect(deps, 'calls', action);
  if (!client.ok) return client;
  const { from, to, answerUrl } = parsed.data;
  const what = {
    action,
    auth: 'jwt' as const,
    notFound: `Vonage does not know the application ${deps.config.VONAGE_APPLICATION_ID}: check VONAGE_APPLICATION_ID`,
    timeoutMs: timeoutOf(deps.hosts),
    host: hostsOf(deps).apiHost,
  };
  const created = await attempt(what, () =>
    client.value.voice.createOutboundCall({
      to: [{ type: 'phone', number: to }],
      from: { type: 'phone', number: from },
      answerUrl: [answerUrl],
      answerMethod: POST,
      eventUrl: [`${deps.config.PUBLIC_BASE_URL}/api/voice/event`],
      eventMethod: POST,
    }),
  );
  if (!created.ok) return created;
  const call = CreatedCallSchema.safeParse(created.value);
  if (!call.success) return failure('bad_response', `Could not ${action}: Vonage's answer did not name the new call.`);
  const { uuid, status, conversationUUID, conversation_uuid } = call.data;
  return { ok: true, value: { uuid, status, conversationUuid: conversationUUID ?? conversation_uuid ?? '' } };
}
