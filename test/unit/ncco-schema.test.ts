import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNcco, parseNccoLenient, spokenLength, type Ncco } from '@/lib/ncco';

// The repo and the shared reference folder are siblings, here and in CI (X/main beside X/shared).
const SHARED = path.resolve(__dirname, '../../../shared/vonage');
const EXAMPLES = path.join(SHARED, 'examples/ncco');
const DOCS_EXAMPLES = path.join(SHARED, 'docs-examples');
/** examples/ncco holds 7 files today; fewer means the folder went missing or was emptied. */
const MIN_EXAMPLE_FILES = 7;
/**
 * docs-examples holds Vonage's real webhook payloads (20 files today, no standalone NCCOs); any NCCO found
 * inside them (e.g. in a create-call body) must parse. Fewer files means the folder went missing.
 */
const MIN_DOC_FILES = 15;

type Result = ReturnType<typeof parseNcco> | ReturnType<typeof parseNccoLenient>;
const issuesOf = (result: Result) =>
  result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

function jsonFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(full);
    return entry.name.endsWith('.json') && entry.name !== 'SOURCES.json' ? [full] : [];
  });
}

const isActionLike = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { action?: unknown }).action === 'string';

/** Every array of `{ action }` objects inside a JSON value, e.g. an NCCO nested in a create-call body. */
function nccosInside(value: unknown, at: string): { at: string; ncco: unknown }[] {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isActionLike)) return [{ at, ncco: value }];
    return value.flatMap((v, i) => nccosInside(v, `${at}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, v]) => nccosInside(v, `${at}.${key}`));
  }
  return [];
}

/** A file may be invalid JSON only when its folder's SOURCES.json says so (reference.md §1.10). */
function declaredInvalid(file: string): boolean {
  const sources = path.join(path.dirname(file), 'SOURCES.json');
  if (!fs.existsSync(sources)) return false;
  const entry = (readJson(sources) as Record<string, unknown>)[path.basename(file)];
  return entry !== undefined && /not (valid )?JSON|invalid JSON/i.test(JSON.stringify(entry));
}

function docNccos(): { at: string; ncco: unknown }[] {
  return jsonFilesUnder(DOCS_EXAMPLES).flatMap((file) => {
    const at = path.relative(SHARED, file);
    let value: unknown;
    try {
      value = readJson(file);
    } catch (error) {
      if (declaredInvalid(file)) return [];
      throw new Error(`${at} is not valid JSON and SOURCES.json does not say so: ${String(error)}`);
    }
    // Anything in an ncco folder is meant to be an NCCO, so it is checked even if it does not look like one.
    const inNccoFolder = path.relative(DOCS_EXAMPLES, file).split(path.sep).includes('ncco');
    return inNccoFolder ? [{ at, ncco: value }] : nccosInside(value, at);
  });
}

describe('Vonage reference examples', () => {
  const exampleFiles = jsonFilesUnder(EXAMPLES);

  it(`finds at least ${MIN_EXAMPLE_FILES} NCCO files in ${EXAMPLES}`, () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(MIN_EXAMPLE_FILES);
  });

  it.each(exampleFiles.map((f) => [path.basename(f), f]))('examples/ncco/%s parses with the strict schema', (_, f) => {
    expect(issuesOf(parseNcco(readJson(f)))).toEqual([]);
  });

  const nccos = docNccos();

  it(`reads at least ${MIN_DOC_FILES} files under ${DOCS_EXAMPLES}`, () => {
    expect(jsonFilesUnder(DOCS_EXAMPLES).length).toBeGreaterThanOrEqual(MIN_DOC_FILES);
  });

  it('parses every NCCO found in the docs examples with the lenient schema', () => {
    const failures = nccos
      .map(({ at, ncco }) => ({ at, issues: issuesOf(parseNccoLenient(ncco)) }))
      .filter((f) => f.issues.length > 0);
    expect(failures).toEqual([]);
  });
});

const talk = (extra: object = {}) => ({ action: 'talk', text: 'Hello', ...extra });
const stream = (extra: object = {}) => ({ action: 'stream', streamUrl: ['https://example.com/a.mp3'], ...extra });
const input = (extra: object = {}) => ({ action: 'input', type: ['dtmf'], ...extra });
const speech = (settings: object) => input({ type: ['speech'], speech: settings });
const record = (extra: object = {}) => ({ action: 'record', ...extra });
const phone = { type: 'phone', number: '447700900001' };
const connect = (extra: object = {}, endpoint: object = phone) => ({ action: 'connect', endpoint: [endpoint], ...extra });
const ws = (extra: object = {}) => ({
  type: 'websocket',
  uri: 'wss://example.com/s',
  'content-type': 'audio/l16;rate=16000',
  ...extra,
});
const conversation = (extra: object = {}) => ({ action: 'conversation', name: 'room', ...extra });
const notify = (extra: object = {}) => ({ action: 'notify', payload: {}, eventUrl: ['https://example.com/n'], ...extra });
const ssml = (spoken: string) => `<speak><prosody rate='fast'>${spoken}</prosody><break time='1s'/></speak>`;

describe('strict schema rejects', () => {
  it.each([
    ['an empty NCCO', [], '', 'at least one action'],
    ['a non-array', { action: 'talk', text: 'Hi' }, '', 'expected array'],
    ['an unknown action', [{ action: 'hangup' }], '0.action', 'Unknown action'],
    ['an unknown key', [talk({ voiceName: 'Amy' })], '0', 'Unrecognized key: "voiceName"'],
    ['a string-typed number', [talk({ loop: '3' })], '0.loop', 'expected number'],
    ['a string-typed boolean', [talk({ bargeIn: 'true' }), input()], '0.bargeIn', 'expected boolean'],
    ['a negative loop', [talk({ loop: -1 })], '0.loop', 'loop is 0 or more'],
    ['a fractional loop', [stream({ loop: 1.5 })], '0.loop', 'whole number'],
    ['a level above 1', [talk({ level: 1.5 })], '0.level', 'level runs from -1 to 1'],
    ['a level below -1', [stream({ level: -1.1 })], '0.level', 'level runs from -1 to 1'],
    ['blank talk text', [talk({ text: '  ' })], '0.text', 'Type what the caller should hear'],
    ['1,501 characters of text', [talk({ text: 'a'.repeat(1501) })], '0.text', 'at most 1,500'],
    ['1,501 spoken characters inside SSML', [talk({ text: ssml('a'.repeat(1501)) })], '0.text', 'at most 1,500'],
    ['tags in plain text (counted: not SSML)', [talk({ text: `${'a'.repeat(1498)}<b>` })], '0.text', 'at most 1,500'],
    ['a language that is not BCP-47', [talk({ language: 'english' })], '0.language', 'BCP-47'],
    ['streamUrl as a bare string', [stream({ streamUrl: 'https://example.com/a.mp3' })], '0.streamUrl', 'expected array'],
    ['two stream URLs', [stream({ streamUrl: ['https://a.example/1.mp3', 'https://a.example/2.mp3'] })], '0.streamUrl', 'exactly one URL'],
    ['a non-http stream URL', [stream({ streamUrl: ['ftp://example.com/a.mp3'] })], '0.streamUrl.0', 'http'],
    ['input without type', [{ action: 'input' }], '0.type', 'type lists what to collect'],
    ['input with an empty type', [input({ type: [] })], '0.type', 'Say which input'],
    ['input with a repeated type', [input({ type: ['dtmf', 'dtmf'] })], '0.type', 'once'],
    ['input with legacy top-level DTMF keys', [input({ maxDigits: 4 })], '0', 'Unrecognized key: "maxDigits"'],
    ['maxDigits 21', [input({ dtmf: { maxDigits: 21 } })], '0.dtmf.maxDigits', 'maxDigits runs from 1 to 20'],
    ['maxDigits 0', [input({ dtmf: { maxDigits: 0 } })], '0.dtmf.maxDigits', 'maxDigits runs from 1 to 20'],
    ['dtmf timeOut 11', [input({ dtmf: { timeOut: 11 } })], '0.dtmf.timeOut', 'timeOut runs from 0 to 10 s'],
    ['speech endOnSilence 0.3', [speech({ endOnSilence: 0.3 })], '0.speech.endOnSilence', '0.4 to 10'],
    ['speech endOnSilence in ms', [speech({ endOnSilence: 1500 })], '0.speech.endOnSilence', '0.4 to 10'],
    ['speech uuid as a string', [speech({ uuid: 'leg-1' })], '0.speech.uuid', 'expected array'],
    ['speech uuid with two legs', [speech({ uuid: ['a', 'b'] })], '0.speech.uuid', 'exactly one leg'],
    ['startTimeout 61', [speech({ startTimeout: 61 })], '0.speech.startTimeout', '1 to 60'],
    ['async input with dtmf settings', [input({ mode: 'asynchronous', dtmf: { maxDigits: 4 } })], '0.dtmf', 'Asynchronous input takes no DTMF'],
    ['channels without split', [record({ channels: 2 })], '0.channels', 'split: "conversation"'],
    ['33 channels', [record({ channels: 33, split: 'conversation' })], '0.channels', 'channels runs from 1 to 32'],
    ['record endOnSilence 2', [record({ endOnSilence: 2 })], '0.endOnSilence', 'endOnSilence runs from 3 to 10 s'],
    ['record timeOut 7201', [record({ timeOut: 7201 })], '0.timeOut', 'timeOut runs from 3 to 7200 s'],
    ['two end keys', [record({ endOnKey: '##' })], '0.endOnKey', 'one key'],
    ['a letter end key', [record({ endOnKey: 'a' })], '0.endOnKey', 'one key'],
    ['an unknown format', [record({ format: 'flac' })], '0.format', 'mp3, wav or ogg'],
    ['two endpoints', [{ action: 'connect', endpoint: [phone, phone] }], '0.endpoint', 'exactly one endpoint'],
    ['no endpoint', [{ action: 'connect', endpoint: [] }], '0.endpoint', 'exactly one endpoint'],
    ['connect timeout 0', [connect({ timeout: 0 })], '0.timeout', 'timeout runs from 1 to 120 s'],
    ['connect timeout 121', [connect({ timeout: 121 })], '0.timeout', 'timeout runs from 1 to 120 s'],
    ['connect limit 7201', [connect({ limit: 7201 })], '0.limit', 'limit runs from 1 to 7200 s'],
    ['a + in from', [connect({ from: '+447700900000' })], '0.from', 'E.164'],
    ['from with randomFromNumber', [connect({ from: '447700900000', randomFromNumber: true })], '0.from', 'not both'],
    ['an unknown endpoint type', [connect({}, { type: 'pstn', number: '447700900001' })], '0.endpoint.0.type', 'phone, app, sip'],
    ['dtmfAnswer with letters', [connect({}, { ...phone, dtmfAnswer: '12x' })], '0.endpoint.0.dtmfAnswer', 'p (pause)'],
    [
      "the SDK's contentType key",
      [connect({}, { type: 'websocket', uri: 'wss://e.example/s', contentType: 'audio/l16;rate=16000' })],
      '0.endpoint.0.content-type',
      'content-type is',
    ],
    ['an unsupported audio rate', [connect({}, ws({ 'content-type': 'audio/l16;rate=44100' }))], '0.endpoint.0.content-type', 'content-type is'],
    ['an https websocket uri', [connect({}, ws({ uri: 'https://example.com/s' }))], '0.endpoint.0.uri', 'ws://'],
    ['custom websocket auth without value', [connect({}, ws({ authorization: { type: 'custom' } }))], '0.endpoint.0.authorization.value', 'give one'],
    ['sip uri and domain', [connect({}, { type: 'sip', uri: 'sip:a@b.example', user: 'a', domain: 'trunk' })], '0.endpoint.0.uri', 'not both'],
    ['sip user without domain', [connect({}, { type: 'sip', user: 'a' })], '0.endpoint.0.uri', 'both user and domain'],
    ['mute with canSpeak', [conversation({ mute: true, canSpeak: ['leg-1'] })], '0.mute', 'canSpeak'],
    ['transcription without record', [conversation({ transcription: {} })], '0.transcription', 'record: true'],
    ['musicOnHoldUrl as a bare string', [conversation({ musicOnHoldUrl: 'https://example.com/hold.mp3' })], '0.musicOnHoldUrl', 'expected array'],
    ['notify without payload', [notify({ payload: undefined })], '0.payload', 'JSON object'],
    ['notify with an array payload', [notify({ payload: [1] })], '0.payload', 'JSON object'],
    ['notify without eventUrl', [notify({ eventUrl: undefined })], '0.eventUrl', 'expected array'],
    ['wait 0.05 s', [{ action: 'wait', timeout: 0.05 }], '0.timeout', 'timeout runs from 0.1 to 7200 s'],
    ['transfer without conversationId', [{ action: 'transfer' }], '0.conversationId', 'expected string'],
    ['bargeIn followed by record', [talk({ bargeIn: true }), record()], '0.bargeIn', 'action 1 is record'],
    ['bargeIn as the last action', [talk(), stream({ bargeIn: true })], '1.bargeIn', 'the NCCO ends without one'],
    ['bargeIn kept on across a talk', [talk({ bargeIn: true }), talk({ bargeIn: false }), connect()], '0.bargeIn', 'action 2 is connect'],
    ['a second bargeIn after an input', [talk({ bargeIn: true }), input(), stream({ bargeIn: true }), { action: 'wait' }], '2.bargeIn', 'action 3 is wait'],
  ])('%s', (_, ncco, at, message) => {
    expect(issuesOf(parseNcco(ncco))).toContainEqual({ path: at, message: expect.stringContaining(message) });
  });

  it('reports only the broken rule, not its neighbours', () => {
    expect(issuesOf(parseNcco([talk({ bargeIn: true }), input(), talk({ bargeIn: true }), record()]))).toEqual([
      { path: '2.bargeIn', message: expect.stringContaining('action 3 is record') },
    ]);
  });
});

describe('strict schema accepts edge cases', () => {
  it.each<[string, unknown[]]>([
    ['loop 0 (forever), level at both ends, style 0', [talk({ loop: 0, level: -1, style: 0 }), stream({ loop: 0, level: 1 })]],
    ['exactly 1,500 characters', [talk({ text: 'a'.repeat(1500) })]],
    ['1,500 spoken characters wrapped in SSML tags', [talk({ text: ssml('a'.repeat(1500)) })]],
    ['SSML with leading whitespace', [talk({ text: `  ${ssml('a'.repeat(1500))}\n` })]],
    ['a three-part language tag and premium', [talk({ language: 'en-GB-WLS', premium: true })]],
    ['dtmf limits', [input({ dtmf: { maxDigits: 1, timeOut: 0 } }), input({ dtmf: { maxDigits: 20, timeOut: 10, submitOnHash: true } })]],
    [
      'speech limits',
      [input({ type: ['speech', 'dtmf'], speech: { endOnSilence: 0.4, startTimeout: 60, maxDuration: 1, uuid: ['l'], sensitivity: 10 } })],
    ],
    ['async input without dtmf settings', [input({ mode: 'asynchronous', eventUrl: ['https://example.com/keys'] })]],
    ['32 split channels as ogg', [record({ channels: 32, split: 'conversation', format: 'ogg' })]],
    ['every end key', ['0', '9', '*', '#'].map((endOnKey) => record({ endOnKey }))],
    ['a background recording (no end condition)', [record(), connect()]],
    ['record limits', [record({ endOnSilence: 3, timeOut: 7200 }), record({ endOnSilence: 10, timeOut: 3 })]],
    ['connect limits', [connect({ timeout: 1, limit: 1 }), connect({ timeout: 120, limit: 7200 })]],
    ['randomFromNumber alone', [connect({ randomFromNumber: true })]],
    ['from with randomFromNumber false', [connect({ from: '447700900000', randomFromNumber: false })]],
    ['advanced machine detection', [connect({ advancedMachineDetection: { behavior: 'continue', mode: 'detect_beep', beep_timeout: 45 } })]],
    ['phone onAnswer', [connect({}, { ...phone, dtmfAnswer: 'p*123#', onAnswer: { url: 'https://example.com/whisper' } })]],
    [
      'websocket with 24 kHz and custom auth',
      [connect({}, ws({ 'content-type': 'audio/l16;rate=24000', authorization: { type: 'custom', value: 'Bearer x' } }))],
    ],
    [
      'sip by user and domain',
      [connect({}, { type: 'sip', user: 'john', domain: 'trunk-1', standardHeaders: { 'User-to-User': '34ef;encoding=hex' } })],
    ],
    ['sips uri with transport', [connect({}, { type: 'sip', uri: 'sips:alice@example.com;transport=tls' })]],
    ['bargeIn kept on through talk and stream until input', [talk({ bargeIn: true }), stream(), talk({ bargeIn: false }), input()]],
    ['bargeIn cleared by input', [stream({ bargeIn: true }), input(), record({ endOnKey: '#' })]],
    ['canSpeak [] without mute, transcription with record', [conversation({ canSpeak: [], canHear: [], record: true, transcription: {} })]],
    ['notify with a nested payload', [notify({ payload: { step: { n: 1 } }, eventMethod: 'GET' })]],
    ['wait with and without timeout', [{ action: 'wait' }, { action: 'wait', timeout: 0.1 }, { action: 'wait', timeout: 7200 }]],
    ['transfer to nobody', [{ action: 'transfer', conversationId: 'CON-1', canHear: [], mute: true }]],
  ])('%s', (_, ncco) => {
    expect(issuesOf(parseNcco(ncco))).toEqual([]);
  });

  it('returns the NCCO unchanged (no defaults added)', () => {
    const ncco: Ncco = [{ action: 'talk', text: 'Hi' }, { action: 'connect', endpoint: [{ type: 'app', user: 'alice' }] }];
    expect(parseNcco(ncco).data).toEqual(ncco);
  });
});

describe('spokenLength', () => {
  it.each([
    ['plain text', 'Hello', 5],
    ['SSML tags are free', '<speak>Hi <break time="1s"/>there</speak>', 8],
    ['tags outside <speak> count', 'a <b> c', 7],
    ['an emoji counts once', '👋 hi', 4],
  ])('%s', (_, text, length) => {
    expect(spokenLength(text)).toBe(length);
  });
});

describe('lenient schema', () => {
  // Shapes taken verbatim from Vonage's docs (ncco-reference, nexmo-community/ncco-examples); see reference.md §1.10.
  it.each<[string, unknown[]]>([
    ['"timeout": "45" on connect', [talk(), connect({ timeout: '45', eventUrl: ['https://example.com/events'] })]],
    ['"endOnSilence": "3" and "beepStart": "true"', [record({ endOnSilence: '3', beepStart: 'true' })]],
    ['"bargeIn": "true" before a legacy input', [stream({ bargeIn: 'true' }), { action: 'input', submitOnHash: 'true' }]],
    ['a bare legacy input', [talk(), { action: 'input' }]],
    ['speech settings without type', [talk({ bargeIn: true }), { action: 'input', speech: { language: 'en-gb', uuid: ['leg-1'] } }]],
    ['the retired voiceName and voice_name', [talk({ voiceName: 'Russell' }), talk({ voice_name: 'Amy' })]],
    ['placeholders for numbers', [connect({ from: 'VONAGE_NUMBER' }, { type: 'phone', number: 'TO_NUMBER' })]],
    ['the legacy onAnswer.ringback key', [connect({}, { ...phone, onAnswer: { url: 'https://e.example/a', ringback: 'https://e.example/r.mp3' } })]],
    ['websocket headers with nested JSON', [connect({}, ws({ headers: { age: 40, address: { city: 'NYC' }, roles: [1, 2] } }))]],
  ])('accepts %s', (_, ncco) => {
    expect(issuesOf(parseNccoLenient(ncco))).toEqual([]);
  });

  it('turns string-typed numbers and booleans into JSON ones', () => {
    const parsed = parseNccoLenient([record({ endOnSilence: '3', beepStart: 'true' }), connect({ timeout: '45' })]);
    expect(parsed.data).toMatchObject([{ endOnSilence: 3, beepStart: true }, { timeout: 45 }]);
  });

  it.each([
    ['ranges still apply', [talk({ loop: '-1' })], '0.loop', 'loop is 0 or more'],
    ['non-numeric strings stay wrong', [talk({ loop: 'three' })], '0.loop', 'expected number'],
    ['legacy DTMF keys obey the DTMF ranges', [{ action: 'input', maxDigits: '21' }], '0.maxDigits', '1 to 20'],
    ['async legacy input with DTMF keys', [{ action: 'input', mode: 'asynchronous', timeOut: 5 }], '0.timeOut', 'Asynchronous'],
    ['lowercase words are not placeholders', [connect({}, { type: 'phone', number: 'to_number' })], '0.endpoint.0.number', 'E.164'],
    ['the bargeIn rule', [talk({ bargeIn: 'true' }), connect()], '0.bargeIn', 'action 1 is connect'],
    ['two endpoints', [{ action: 'connect', endpoint: [phone, phone] }], '0.endpoint', 'exactly one endpoint'],
    ['an unknown action', [{ action: 'pay' }], '0.action', 'Unknown action'],
  ])('keeps the rules: %s', (_, ncco, at, message) => {
    expect(issuesOf(parseNccoLenient(ncco))).toContainEqual({ path: at, message: expect.stringContaining(message) });
  });
});
