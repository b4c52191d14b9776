import { z } from 'zod';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { connect, hostsOf, timeoutOf, type VonageDeps } from './client';
import { attempt, type Attempt } from './describe-failure';
import { OwnedNumbersPageSchema, type OwnedNumber } from './owned-number';
import { failure, type VonageResult } from './result';

/** Vonage's largest page (reference.md §6.3). */
export const PAGE_SIZE = 100;
/** 10,000 numbers: a guard against a count that never adds up, not a real limit on accounts. */
const MAX_PAGES = 100;


function numbersAttempt(deps: VonageDeps, action: string): Attempt {
  return { action, auth: 'basic', timeoutMs: timeoutOf(deps.hosts), host: hostsOf(deps).restHost };
}

/** Every number in the Vonage account, all pages, in Vonage's order. */
export async function listOwnedNumbers(deps: VonageDeps): Promise<VonageResult<OwnedNumber[]>> {
  const action = 'list your Vonage numbers';
  const client = connect(deps, 'account', action);
  if (!client.ok) return client;
  const what = numbersAttempt(deps, action);
  const byNumber = new Map<string, OwnedNumber>();
  for (let index = 1; index <= MAX_PAGES; index += 1) {
    const page = await attempt(what, () => client.value.numbers.getOwnedNumbers({ index, size: PAGE_SIZE }));
    if (!page.ok) return page;
    const parsed = OwnedNumbersPageSchema.safeParse(page.value);
    if (!parsed.success) {
      return failure('bad_response', `Could not ${action}: Vonage's answer was not a list of numbers (${parsed.error.issues[0]?.message}).`);
    }
    // A number bought or released while paging shifts the pages, so one may appear twice: keep it once.
    for (const number of parsed.data.numbers) byNumber.set(number.msisdn, number);
    if (parsed.data.numbers.length < PAGE_SIZE || index * PAGE_SIZE >= parsed.data.count) break;
  }
  return { ok: true, value: [...byNumber.values()] };
}

/** What linking needs: the number and its country (Vonage requires both). */
export const LinkNumberSchema = z.object({
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'The country is a two-letter code, e.g. GB').transform((c) => c.toUpperCase()),
  msisdn: NumberDigitsSchema,
});

export type LinkNumberInput = z.input<typeof LinkNumberSchema>;

/**
 * Links a number's calls (and messages) to the configured application. Vonage reports a refusal inside a
 * 200 answer as `error-code`, which the SDK passes through as `errorCode` without throwing.
 */
export async function linkNumber(deps: VonageDeps, input: LinkNumberInput): Promise<VonageResult<{ msisdn: string; applicationId: string }>> {
  const parsedInput = LinkNumberSchema.safeParse(input);
  const action = `link ${String(input.msisdn).trim() || 'the number'} to the Vonage application`;
  if (!parsedInput.success) return failure('rejected', `Could not ${action}: ${parsedInput.error.issues[0]?.message}.`);
  const client = connect(deps, 'application', action);
  if (!client.ok) return client;
  const applicationId = deps.config.VONAGE_APPLICATION_ID ?? '';
  const { country, msisdn } = parsedInput.data;
  const answer = await attempt(numbersAttempt(deps, action), () => client.value.numbers.updateNumber({ country, msisdn, applicationId }));
  if (!answer.ok) return answer;
  const code = answer.value.errorCode ?? '';
  if (code === '200') return { ok: true, value: { msisdn, applicationId } };
  const why = answer.value.errorCodeLabel ? `“${answer.value.errorCodeLabel}”` : 'no reason given';
  if (code === '401') return failure('unauthorized', `Could not ${action}: Vonage refused the credentials (${why}). Check VONAGE_API_KEY and VONAGE_API_SECRET.`);
  if (!/^\d+$/.test(code)) return failure('bad_response', `Could not ${action}: Vonage's answer carried no result code.`);
  return failure('rejected', `Could not ${action}: Vonage said ${why} (error code ${code}). Check that the number belongs to this account and the country is right.`);
}
