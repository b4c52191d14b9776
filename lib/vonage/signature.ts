import { createHmac, hash, randomUUID } from 'node:crypto';
import { queryOf, queryPairs } from '@/lib/net/query-string';
import { sameText } from '@/lib/security/same-text';
import { z } from 'zod';

/**
 * Signed Vonage webhooks: `Authorization: Bearer <JWT>`, HS256 with the account signature secret, and a
 * `payload_hash` claim binding the token to what was sent (docs-examples/webhooks/signed-webhook-jwt-claims.json).
 */
export const VonageClaimsSchema = z.object({
  iat: z.number(),
  jti: z.string().min(1),
  iss: z.string(),
  payload_hash: z.string().regex(/^[0-9a-f]{64}$/i),
  api_key: z.string().min(1),
  // Documented as optional: some callbacks are signed for the account, not an application.
  application_id: z.string().optional(),
});
export type VonageClaims = z.infer<typeof VonageClaimsSchema>;

export type SignedRequest = {
  method: string;
  url: string;
  authorization: string | null;
  rawBody: string;
  /**
   * The signature already checked, with the secret and clock of this process, where the request was read (the
   * production server checks it on the thread that reads requests, lib/server/serve-voice.ts); else unset.
   */
  verdict?: SignatureVerdict;
};
export type SignatureFailure = 'missing' | 'bad_signature' | 'payload_mismatch' | 'stale' | 'malformed';
export type SignatureResult = { ok: true; claims: VonageClaims } | { ok: false; reason: SignatureFailure };
/** A signature check's outcome without the claims, as it travels with a request already checked. */
export type SignatureVerdict = { ok: true } | { ok: false; reason: SignatureFailure };

/** Vonage's clock may run slightly ahead of ours; beyond this a future `iat` is not trusted. */
export const FUTURE_SKEW_SECONDS = 60;
// Vonage tokens are a few hundred characters; the cap keeps a hostile header from costing real work.
const MAX_TOKEN_LENGTH = 4096;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const JwtHeaderSchema = z.object({ alg: z.literal('HS256') });

/**
 * A webhook as a handler receives it: a Web Request (Next's route handlers), or one already read into a
 * SignedRequest (the lean server path reads Node's request straight into one, skipping the Web objects).
 */
export type WebhookRequest = Request | SignedRequest;

/** Reads what verification needs. The body is consumed here, so routes parse `rawBody`, not the request. */
export async function readSignedRequest(request: WebhookRequest): Promise<SignedRequest> {
  if (!(request instanceof Request)) return request;
  return {
    method: request.method,
    url: request.url,
    authorization: request.headers.get('authorization'),
    rawBody: await request.text(),
  };
}

/** Checks, in order: header present, JWT signature, payload hash, freshness of `iat`. */
export function verifyVonageSignature(
  input: SignedRequest,
  secret: string,
  now: Date,
  maxAgeSeconds = 300,
): SignatureResult {
  assertSecret(secret);
  if (!input.authorization) return { ok: false, reason: 'missing' };
  const token = bearerToken(input.authorization);
  if (token === null) return { ok: false, reason: 'malformed' };
  const [header, body] = token.split('.');
  // The algorithm is checked before the signature so `alg: none` or RS256 reads as malformed, not forged.
  if (!isHs256Header(header)) return { ok: false, reason: 'malformed' };
  if (!hasValidHmac(token, secret)) return { ok: false, reason: 'bad_signature' };

  const decoded = decodeSegment(body);
  if (isExpired(decoded, now)) return { ok: false, reason: 'bad_signature' };
  const claims = VonageClaimsSchema.safeParse(decoded);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (!matchesSignedForm(input, claims.data.payload_hash.toLowerCase())) return { ok: false, reason: 'payload_mismatch' };

  const ageSeconds = now.getTime() / 1000 - claims.data.iat;
  if (ageSeconds > maxAgeSeconds || ageSeconds < -FUTURE_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  return { ok: true, claims: claims.data };
}

export type SignOptions = { iat?: number; apiKey?: string; applicationId?: string };

/**
 * Signs a request the way Vonage does, for tests and the call simulator.
 * Returns the whole `Authorization` header value (`Bearer <JWT>`).
 */
export function signVonageRequest(
  request: { method: string; url: string; body?: string },
  secret: string,
  opts: SignOptions = {},
): string {
  assertSecret(secret);
  const payload = isGet(request.method) ? queryJson(request.url) : (request.body ?? '');
  const claims: VonageClaims = {
    iat: opts.iat ?? Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    iss: 'Vonage',
    payload_hash: sha256Hex(payload),
    api_key: opts.apiKey ?? 'switchboard',
    ...(opts.applicationId === undefined ? {} : { application_id: opts.applicationId }),
  };
  const signingInput = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `Bearer ${signingInput}.${signature}`;
}

/**
 * Whether `given` hashes one of the texts Vonage may have hashed, per its documentation: for GET the query parameters as compact JSON in the
 * order received (support article 19033783342876); otherwise the body as sent, or that body re-serialised as
 * compact JSON (same article). Both body forms bind the content a route parses. Undocumented forms (a GET hashed
 * as an empty body) are refused: accepting them would leave the query, i.e. the whole answer payload, unsigned.
 */
function matchesSignedForm({ method, url, rawBody }: SignedRequest, given: string): boolean {
  if (isGet(method)) return sameText(sha256Hex(queryJson(url)), given);
  // The body as sent is what Vonage hashes in practice: re-serialising is only tried when it does not match.
  if (sameText(sha256Hex(rawBody), given)) return true;
  const compact = compactJson(rawBody);
  return compact !== null && compact !== rawBody && sameText(sha256Hex(compact), given);
}

function isGet(method: string): boolean {
  return method.toUpperCase() === 'GET';
}

/**
 * Serialised by hand rather than via an object: JS objects move integer-like keys to the front and merge
 * duplicates, and the hash depends on the exact order received.
 */
function queryJson(url: string): string {
  let json = '{';
  for (const [key, value] of queryPairs(queryOf(url))) json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return `${json}}`;
}

function compactJson(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return null;
  }
}

function bearerToken(header: string): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  return token !== undefined && token.length <= MAX_TOKEN_LENGTH && JWT_SHAPE.test(token) ? token : null;
}

// Every token Vonage sends has the same header segment: its verdict is kept rather than decoded and parsed
// per webhook. Bounded, so headers crafted to differ cannot grow it.
const headerVerdicts = new Map<string, boolean>();
const MAX_HEADER_VERDICTS = 16;

function isHs256Header(segment: string): boolean {
  const known = headerVerdicts.get(segment);
  if (known !== undefined) return known;
  const verdict = JwtHeaderSchema.safeParse(decodeSegment(segment)).success;
  if (headerVerdicts.size >= MAX_HEADER_VERDICTS) headerVerdicts.clear();
  headerVerdicts.set(segment, verdict);
  return verdict;
}

/**
 * HS256 checked here rather than through a JWT library: on the webhook hot path the library's per-call key
 * object cost more than the rest of the verification. The header's algorithm was checked before. Compared as
 * base64url text: decoding the given signature into a Buffer and the digest into another took about 1 µs of a
 * 5 µs check on the project machine, on the thread that reads every request. Only the canonical encoding of the
 * right signature passes, which is the one JWT signers (Vonage's included) write.
 */
function hasValidHmac(token: string, secret: string): boolean {
  const dot = token.lastIndexOf('.');
  return sameText(token.slice(dot + 1), createHmac('sha256', secret).update(token.slice(0, dot)).digest('base64url'));
}

/** `exp` and `nbf` are optional in a JWT; Vonage sends neither, but one that is present is honoured. */
function isExpired(claims: unknown, now: Date): boolean {
  if (typeof claims !== 'object' || claims === null) return false;
  const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
  const seconds = now.getTime() / 1000;
  return (typeof exp === 'number' && seconds >= exp) || (typeof nbf === 'number' && seconds < nbf);
}

function decodeSegment(segment: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function sha256Hex(text: string): string {
  // One call rather than a Hash object: every signed webhook hashes its payload. As hex, the form the claim has.
  return hash('sha256', text, 'hex');
}

function assertSecret(secret: string): void {
  // An empty secret is a configuration bug; failing loudly beats rejecting (or signing) every call.
  if (secret === '') throw new Error('Vonage signature secret is empty');
}
