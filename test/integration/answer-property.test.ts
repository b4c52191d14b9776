import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NccoSchema } from '@/lib/ncco';
import { signVonageRequest } from '@/lib/vonage/signature';
import { startLeanLine } from '../helpers/lean-server';
import { VOICE_BASE } from '../helpers/voice';

/*
 * Whatever a signed answer request carries (fields missing, repeated, empty, huge, strange characters, stray
 * keys), as a query or a JSON body, the caller gets a 200 with an NCCO Vonage accepts: the flow's or the apology.
 */

const SECRET = 'answer-property-secret';
const LINE = '447700900100';
let line: Awaited<ReturnType<typeof startLeanLine>>;
beforeAll(async () => {
  line = await startLeanLine(SECRET, 'ivr-menu', LINE);
});
afterAll(() => line.close());

const value = fc.oneof(
  fc.constantFrom(LINE, '447700900999', '', '+447700900999', '0', 'null'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  // Long, but within the 16 KB Node takes for a request line and headers (Vonage's requests are far smaller).
  fc.string({ minLength: 300, maxLength: 600 }),
);
const field = fc.tuple(fc.constantFrom('to', 'from', 'uuid', 'conversation_uuid', 'region_url', 'custom_data', 'x'), value);

describe('the answer route on any request', () => {
  // A request left unanswered fails its case after 3 s (Vonage gives up sooner); the test's own limit leaves
  // fast-check time to shrink a failing case to its simplest.
  it('answers 200 with a valid NCCO', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(field, { maxLength: 6 }), fc.constantFrom('GET' as const, 'POST' as const), async (fields, method) => {
        const query = new URLSearchParams(fields).toString();
        const path = method === 'GET' ? `/api/voice/answer?${query}` : '/api/voice/answer';
        const body = method === 'POST' ? JSON.stringify(Object.fromEntries(fields)) : undefined;
        const url = `${VOICE_BASE}${path}`;
        const res = await fetch(`${line.url}${path}`, {
          method,
          body,
          signal: AbortSignal.timeout(3000),
          headers: { 'content-type': 'application/json', authorization: signVonageRequest({ method, url, body }, SECRET) },
        });
        expect(res.status).toBe(200);
        expect(NccoSchema.safeParse(await res.json()).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
