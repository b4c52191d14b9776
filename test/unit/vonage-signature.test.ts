import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readSignedRequest,
  signVonageRequest,
  type SignatureFailure,
  type SignedRequest,
  verifyVonageSignature,
} from '@/lib/vonage/signature';

const SECRET = 'signature-secret-for-tests';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const BASE = 'https://switchboard.example.com';
const POST_URL = `${BASE}/api/vonage/event`;
const BODY = JSON.stringify({ uuid: 'leg-1', conversation_uuid: 'CON-1', status: 'answered' });

// Vonage's documented examples (nexmo-developer@4da2b396: webhook-reference.md answer GET request line and
// messages/concepts/signed-webhooks.md sample claims), inlined so the suite needs nothing outside the repo.
const DOCS_GET_URL =
  `${BASE}/answer.php?to=442079460000&from=447700900000&conversation_uuid=CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab` +
  '&uuid=aaaaaaaa-bbbb-cccc-dddd-0123456789ab&SipHeader_X-UserId=1938ND9';
const DOCS_QUERY = {
  to: '442079460000',
  from: '447700900000',
  conversation_uuid: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  'SipHeader_X-UserId': '1938ND9',
};
const DOCS_CLAIMS = {
  iat: 1587494962,
  jti: 'c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5',
  iss: 'Vonage',
  payload_hash: 'd6c0e74b5857df20e3b7e51b30c0c2a40ec73a77879b6f074ddc7a2317dd031b',
  api_key: 'a1b2c3d',
  application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built here, independently of signVonageRequest, so header and claims can be anything. */
function handMadeJwt(header: unknown, claims: unknown, secret = SECRET): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `Bearer ${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function signedPost(body = BODY, iat = NOW_S): SignedRequest {
  const authorization = signVonageRequest({ method: 'POST', url: POST_URL, body }, SECRET, { iat });
  return { method: 'POST', url: POST_URL, authorization, rawBody: body };
}

function signedGet(url: string, iat = NOW_S): SignedRequest {
  return { method: 'GET', url, authorization: signVonageRequest({ method: 'GET', url }, SECRET, { iat }), rawBody: '' };
}

const verify = (input: SignedRequest, maxAge?: number) => verifyVonageSignature(input, SECRET, NOW, maxAge);
const reasonOf = (input: SignedRequest) => {
  const result = verify(input);
  return result.ok ? 'ok' : result.reason;
};

describe('verifyVonageSignature: POST', () => {
  it('accepts a signed POST and returns its claims', () => {
    const result = verify(signedPost());
    expect(result).toEqual({
      ok: true,
      claims: {
        iat: NOW_S,
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
        iss: 'Vonage',
        payload_hash: sha256(BODY),
        api_key: 'switchboard',
      },
    });
  });

  it('rejects a tampered body', () => {
    const input = signedPost();
    expect(reasonOf({ ...input, rawBody: BODY.replace('answered', 'completed') })).toBe('payload_mismatch');
  });

  it('rejects a token signed with another secret', () => {
    const input = signedPost();
    expect(verifyVonageSignature(input, 'another-secret', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts the compact re-serialisation Vonage documents when the body arrives pretty-printed', () => {
    const compact = signedPost(BODY);
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(reasonOf({ ...compact, rawBody: pretty })).toBe('ok');
    expect(reasonOf({ ...compact, rawBody: pretty.replace('answered', 'completed') })).toBe('payload_mismatch');
  });

  it('binds an empty POST body to the hash of nothing, not to the query', () => {
    const url = `${POST_URL}?uuid=leg-1`;
    const empty = signVonageRequest({ method: 'POST', url, body: '' }, SECRET, { iat: NOW_S });
    expect(reasonOf({ method: 'POST', url, authorization: empty, rawBody: '' })).toBe('ok');
    // A signed GET replayed as an empty POST carries a query hash, which no POST form matches.
    expect(reasonOf({ ...signedGet(url), method: 'POST' })).toBe('payload_mismatch');
  });
});

describe('verifyVonageSignature: GET (answer webhook default)', () => {
  it('hashes the documented query as compact JSON in the order received', () => {
    const result = verify(signedGet(DOCS_GET_URL));
    expect(result.ok && result.claims.payload_hash).toBe(sha256(JSON.stringify(DOCS_QUERY)));
  });

  it('decodes percent-encoding and + before hashing', () => {
    const url = `${BASE}/answer?from=%2B447700900000&name=Ann+Lee&9=nine`;
    const result = verify(signedGet(url));
    // Hand-built because an object would move the integer-like key "9" to the front.
    const expected = '{"from":"+447700900000","name":"Ann Lee","9":"nine"}';
    expect(result.ok && result.claims.payload_hash).toBe(sha256(expected));
  });

  const [path, query] = DOCS_GET_URL.split('?') as [string, string];
  const pairs = query.split('&');
  it.each([
    ['reordered', `${path}?${[...pairs].reverse().join('&')}`],
    ['altered value', DOCS_GET_URL.replace('from=447700900000', 'from=447700900001')],
    ['added parameter', `${DOCS_GET_URL}&to=15550001111`],
    ['dropped parameter', `${path}?${pairs.slice(1).join('&')}`],
  ])('rejects a %s query', (_, tampered) => {
    expect(reasonOf({ ...signedGet(DOCS_GET_URL), url: tampered })).toBe('payload_mismatch');
  });

  it('refuses a GET token that hashes an empty body, which would leave the query unsigned', () => {
    const claims = { ...DOCS_CLAIMS, iat: NOW_S, payload_hash: sha256('') };
    const authorization = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims);
    expect(reasonOf({ method: 'GET', url: DOCS_GET_URL, authorization, rawBody: '' })).toBe('payload_mismatch');
  });
});

describe('verifyVonageSignature: the documented claims shape', () => {
  it('accepts a token carrying exactly the docs sample claims once its hash matches the payload', () => {
    const claims = { ...DOCS_CLAIMS, payload_hash: sha256(JSON.stringify(DOCS_QUERY)) };
    const authorization = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, claims);
    const input = { method: 'GET', url: DOCS_GET_URL, authorization, rawBody: '' };
    const at = new Date(claims.iat * 1000);
    expect(verifyVonageSignature(input, SECRET, at)).toEqual({ ok: true, claims });
  });

  it('rejects the docs sample as is: its hash is of some other payload', () => {
    const authorization = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, DOCS_CLAIMS);
    const input = { method: 'GET', url: DOCS_GET_URL, authorization, rawBody: '' };
    const result = verifyVonageSignature(input, SECRET, new Date(DOCS_CLAIMS.iat * 1000));
    expect(result).toEqual({ ok: false, reason: 'payload_mismatch' });
  });

  it('signs with the same claim names as the docs sample', () => {
    const authorization = signVonageRequest({ method: 'GET', url: DOCS_GET_URL }, SECRET, { applicationId: 'app-1' });
    const payload = JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(Object.keys(DOCS_CLAIMS).sort());
  });
});

describe('verifyVonageSignature: header and token problems', () => {
  const good = signedPost();
  const [header, claims] = good.authorization!.slice('Bearer '.length).split('.') as [string, string];
  const claimsObject = JSON.parse(Buffer.from(claims, 'base64url').toString());
  const resigned = (changes: object) => handMadeJwt({ alg: 'HS256' }, { ...claimsObject, ...changes });
  const cases: [string, string | null, SignatureFailure | 'ok'][] = [
    ['no header', null, 'missing'],
    ['an empty header', '', 'missing'],
    ['a lower-case scheme', good.authorization!.replace('Bearer', 'bearer'), 'ok'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'malformed'],
    ['garbage', 'Bearer not-a-jwt', 'malformed'],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${claims}.`, 'malformed'],
    ['alg none with a signature', `Bearer ${b64({ alg: 'none' })}.${claims}.c2ln`, 'malformed'],
    ['HS512', handMadeJwt({ alg: 'HS512', typ: 'JWT' }, claimsObject), 'malformed'],
    ['a header that is not JSON', `Bearer ${Buffer.from('{oops').toString('base64url')}.${claims}.c2ln`, 'malformed'],
    ['a forged signature', `Bearer ${header}.${claims}.${Buffer.alloc(32, 7).toString('base64url')}`, 'bad_signature'],
    ['the signature with its last character changed', good.authorization!.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')), 'bad_signature'],
    ['the signature cut short', good.authorization!.slice(0, -1), 'bad_signature'],
    ['the signature and more', `${good.authorization!}AAAA`, 'bad_signature'],
    // The claim is hex; its case does not change the hash it names.
    ['signed claims with the payload hash in capitals', resigned({ payload_hash: claimsObject.payload_hash.toUpperCase() }), 'ok'],
    ['signed claims without payload_hash', resigned({ payload_hash: undefined }), 'malformed'],
    ['signed claims with a non-numeric iat', resigned({ iat: 'now' }), 'malformed'],
    ['signed claims that are not an object', handMadeJwt({ alg: 'HS256' }, 'hello'), 'malformed'],
    ['an oversized token', `Bearer ${header}.${'A'.repeat(5000)}.${'B'.repeat(43)}`, 'malformed'],
    // Vonage sends no exp or nbf; a token that carries them is held to them, as a JWT library would.
    ['signed claims that expired', resigned({ exp: NOW_S - 1 }), 'bad_signature'],
    ['signed claims not valid yet', resigned({ nbf: NOW_S + 60 }), 'bad_signature'],
    ['signed claims valid for a while yet', resigned({ exp: NOW_S + 60 }), 'ok'],
  ];
  it.each(cases)('%s → %s', (_, authorization, expected) => {
    expect(reasonOf({ ...good, authorization })).toBe(expected);
  });

  it('refuses to run with an empty secret', () => {
    expect(() => verifyVonageSignature(good, '', NOW)).toThrow(/secret is empty/);
  });
});

describe('verifyVonageSignature: freshness', () => {
  it.each([
    ['just issued', 0, 'ok'],
    ['exactly at the limit', 300, 'ok'],
    ['one second too old', 301, 'stale'],
    ['an hour old', 3600, 'stale'],
    ['60 s in the future (clock skew)', -60, 'ok'],
    ['61 s in the future', -61, 'stale'],
  ])('%s', (_, ageSeconds, expected) => {
    expect(reasonOf(signedPost(BODY, NOW_S - ageSeconds))).toBe(expected);
  });

  it('honours a custom maximum age', () => {
    expect(verify(signedPost(BODY, NOW_S - 30), 10)).toEqual({ ok: false, reason: 'stale' });
  });

  it('checks the payload before the age, so a tampered old request reads as tampered', () => {
    const old = signedPost(BODY, NOW_S - 3600);
    expect(reasonOf({ ...old, rawBody: '{}' })).toBe('payload_mismatch');
  });
});

describe('readSignedRequest', () => {
  it('reads method, URL, header and raw body from a Web Request, ready to verify', async () => {
    const authorization = signVonageRequest({ method: 'POST', url: POST_URL, body: BODY }, SECRET, { iat: NOW_S });
    const request = new Request(POST_URL, { method: 'POST', headers: { authorization }, body: BODY });
    const input = await readSignedRequest(request);
    expect(input).toEqual({ method: 'POST', url: POST_URL, authorization, rawBody: BODY });
    expect(verify(input).ok).toBe(true);
  });

  it('reads a GET with its query and an empty body', async () => {
    const authorization = signVonageRequest({ method: 'GET', url: DOCS_GET_URL }, SECRET, { iat: NOW_S });
    const input = await readSignedRequest(new Request(DOCS_GET_URL, { headers: { authorization } }));
    expect(input.rawBody).toBe('');
    expect(verify(input).ok).toBe(true);
  });

  it('reports a request without Authorization as missing', async () => {
    const input = await readSignedRequest(new Request(POST_URL, { method: 'POST', body: BODY }));
    expect(verify(input)).toEqual({ ok: false, reason: 'missing' });
  });
});
