import { describe, expect, it } from 'vitest';
import type { Field } from '@/lib/flow/fields';
import { KIND_CATEGORIES, type KindCategory } from '@/lib/flow/node-kind';
import { KIND_IDS, kindOf, nodeKinds, outputsOf, summaryOf, type NodeKindId } from '@/lib/flow/registry';
import { LANGUAGE_OPTIONS, TTS_LANGUAGES } from '@/lib/flow/tts';

type Data = Record<string, unknown>;

/** What each kind promises; typed by NodeKindId so a new kind without a row fails to compile. */
const EXPECTED: Record<
  NodeKindId,
  { defaultsValid: boolean; outputs: string[] | 'derived'; interactive: boolean; hasInput: boolean; category: KindCategory }
> = {
  start: { defaultsValid: true, outputs: ['next'], interactive: false, hasInput: false, category: 'start' },
  say: { defaultsValid: false, outputs: ['next'], interactive: false, hasInput: true, category: 'speak' },
  play: { defaultsValid: false, outputs: ['next'], interactive: false, hasInput: true, category: 'speak' },
  menu: { defaultsValid: true, outputs: 'derived', interactive: true, hasInput: true, category: 'gather' },
  collect: { defaultsValid: true, outputs: ['done', 'noInput'], interactive: true, hasInput: true, category: 'gather' },
  branch: { defaultsValid: true, outputs: 'derived', interactive: false, hasInput: true, category: 'logic' },
  hours: { defaultsValid: true, outputs: ['open', 'closed', 'holiday'], interactive: false, hasInput: true, category: 'logic' },
  set: { defaultsValid: true, outputs: ['next'], interactive: false, hasInput: true, category: 'logic' },
  http: { defaultsValid: false, outputs: ['success', 'error'], interactive: false, hasInput: true, category: 'logic' },
  connect: { defaultsValid: false, outputs: ['answered', 'failed'], interactive: true, hasInput: true, category: 'connect' },
  record: { defaultsValid: true, outputs: ['next'], interactive: true, hasInput: true, category: 'gather' },
  conference: { defaultsValid: true, outputs: ['next'], interactive: true, hasInput: true, category: 'connect' },
  notify: { defaultsValid: false, outputs: ['next'], interactive: false, hasInput: true, category: 'logic' },
  wait: { defaultsValid: true, outputs: ['next'], interactive: false, hasInput: true, category: 'logic' },
  goto: { defaultsValid: false, outputs: [], interactive: false, hasInput: true, category: 'end' },
  hangup: { defaultsValid: true, outputs: [], interactive: false, hasInput: true, category: 'end' },
  note: { defaultsValid: true, outputs: [], interactive: false, hasInput: false, category: 'canvas' },
};

const endpoint = (patch: Data = {}): Data => ({
  id: 'ep1',
  type: 'phone',
  number: '447700900001',
  user: '',
  uri: '',
  extension: '',
  contentType: 'audio/l16;rate=16000',
  dtmfAnswer: '',
  ...patch,
});
const condition = (patch: Data = {}): Data => ({
  id: 'c1',
  subject: 'call.from',
  operator: 'equals',
  compareAs: 'text',
  value: '447700900001',
  value2: '',
  label: '',
  ...patch,
});
const openTime = (patch: Data = {}): Data => ({ id: 'w1', days: ['mon'], start: '09:00', end: '17:00', ...patch });
const holiday = (patch: Data = {}): Data => ({ id: 'h1', date: '2026-12-25', allDay: true, start: '', end: '', label: '', ...patch });
const choice = (patch: Data = {}): Data => ({ id: 'sales', key: '1', phrases: [], label: 'Sales', ...patch });

/** Defaults made valid: what a user has after filling in the one thing a kind cannot guess. */
const FILLED: Partial<Record<NodeKindId, Data>> = {
  say: { text: 'Hello' },
  play: { url: 'https://example.com/audio/hello.mp3' },
  http: { url: 'https://crm.example.com/customers?phone={{call.from}}' },
  connect: { endpoints: [endpoint()] },
  notify: { url: 'https://example.com/hooks/call' },
  goto: { flowId: 'flow_abc123' },
};

function valid(kind: NodeKindId, patch: Data = {}): Data {
  return { ...(kindOf(kind).defaults() as Data), ...FILLED[kind], ...patch };
}

function issuePaths(kind: NodeKindId, data: Data): string[] {
  const result = kindOf(kind).schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('node-kind registry', () => {
  it('lists every kind in palette order', () => {
    expect(KIND_IDS).toEqual([
      'start', 'say', 'play', 'menu', 'collect', 'branch', 'hours', 'set', 'http',
      'connect', 'record', 'conference', 'notify', 'wait', 'goto', 'hangup', 'note',
    ]);
  });

  it.each(KIND_IDS)('%s describes itself for the palette', (kind) => {
    const def = kindOf(kind);
    expect(def.kind).toBe(kind);
    expect(def.label.trim()).not.toBe('');
    expect(def.icon.length).toBeGreaterThan(0);
    for (const d of def.icon) expect(d).toMatch(/^[Mm][\d .,\-a-zA-Z]+$/);
    expect(def.description).toMatch(/\.$/);
    expect(KIND_CATEGORIES).toContain(def.category);
    expect(def.category).toBe(EXPECTED[kind].category);
    expect(def.interactive).toBe(EXPECTED[kind].interactive);
    expect(def.hasInput).toBe(EXPECTED[kind].hasInput);
  });

  it.each(KIND_IDS)('%s defaults parse exactly when intended', (kind) => {
    expect(kindOf(kind).schema.safeParse(kindOf(kind).defaults()).success).toBe(EXPECTED[kind].defaultsValid);
    expect(kindOf(kind).schema.safeParse(valid(kind)).success).toBe(true);
  });

  it.each(KIND_IDS)('%s defaults are fresh objects on every call', (kind) => {
    const a = kindOf(kind).defaults();
    expect(kindOf(kind).defaults()).not.toBe(a);
  });

  it.each(KIND_IDS)('%s fields edit keys its schema knows', (kind) => {
    const def = kindOf(kind);
    const shape = def.schema.shape as Record<string, unknown>;
    const defaults = def.defaults() as Data;
    const check = (fields: readonly Field[], keys: string[]) => {
      for (const field of fields) {
        expect(keys, `${kind}.${field.key}`).toContain(field.key);
        if (field.type === 'list') check(field.fields, Object.keys(field.create()));
        if (field.type === 'list') expect(field.create().id).toEqual(expect.any(String));
      }
    };
    check(def.fields, Object.keys(shape));
    for (const key of Object.keys(defaults)) expect(Object.keys(shape)).toContain(key);
  });

  it.each(KIND_IDS.filter((k) => EXPECTED[k].outputs !== 'derived'))('%s has fixed outputs', (kind) => {
    expect(outputsOf({ kind, data: valid(kind) }).map((o) => o.id)).toEqual(EXPECTED[kind].outputs);
    expect(outputsOf({ kind, data: {} }).map((o) => o.id)).toEqual(EXPECTED[kind].outputs);
  });

  it('derives menu outputs from its choices', () => {
    const data = valid('menu', { choices: [choice(), choice({ id: 'help', key: '', phrases: ['help'], label: '' })] });
    expect(outputsOf({ kind: 'menu', data })).toEqual([
      { id: 'sales', label: '1 · Sales' },
      { id: 'help', label: 'choice' },
      { id: 'noInput', label: 'no input' },
      { id: 'noMatch', label: 'no match' },
    ]);
    const defaults = kindOf('menu').defaults() as { choices: { id: string }[] };
    expect(outputsOf({ kind: 'menu', data: defaults }).map((o) => o.id)).toEqual([...defaults.choices.map((c) => c.id), 'noInput', 'noMatch']);
  });

  it('derives branch outputs from its conditions, then else', () => {
    const data = valid('branch', {
      conditions: [condition({ id: 'vip', label: 'VIP' }), condition({ id: 'uk', operator: 'startsWith', value: '44' })],
    });
    expect(outputsOf({ kind: 'branch', data })).toEqual([
      { id: 'vip', label: 'VIP' },
      { id: 'uk', label: 'call.from starts with 44' },
      { id: 'else', label: 'else' },
    ]);
  });

  const GARBAGE: unknown[] = [undefined, null, 5, 'x', true, {}, [null, 5, 'x', {}, { id: 7, key: 3 }]];
  const ALL_KEYS = [...new Set(KIND_IDS.flatMap((k) => Object.keys(kindOf(k).schema.shape)))];

  it.each(KIND_IDS)('%s outputs and summary tolerate missing or garbage data', (kind) => {
    for (const value of GARBAGE) {
      const data = Object.fromEntries(ALL_KEYS.map((key) => [key, value]));
      for (const d of [{}, data]) {
        const outputs = outputsOf({ kind, data: d });
        for (const o of outputs) expect(o).toEqual({ id: expect.any(String), label: expect.any(String) });
        expect(outputs.every((o) => o.id !== '')).toBe(true);
        expect(typeof summaryOf({ kind, data: d })).toBe('string');
      }
    }
  });

  it('gives no handle to a garbage choice or condition', () => {
    expect(outputsOf({ kind: 'menu', data: { choices: 5 } }).map((o) => o.id)).toEqual(['noInput', 'noMatch']);
    expect(outputsOf({ kind: 'branch', data: { conditions: [null, { id: '' }, condition()] } }).map((o) => o.id)).toEqual(['c1', 'else']);
  });
});

describe('summaries', () => {
  const cases: [NodeKindId, Data, string][] = [
    ['say', { text: 'Welcome to Example' }, 'Welcome to Example'],
    ['say', {}, 'Nothing to say yet'],
    ['play', { url: 'https://cdn.example.com/audio/hold%20music.mp3?v=2' }, 'hold music.mp3'],
    ['play', { url: 'https://cdn.example.com/%E0%A4%A.mp3' }, '%E0%A4%A.mp3'],
    ['menu', { choices: [choice(), choice({ key: '2' })] }, 'Keys 1, 2'],
    ['collect', { maxDigits: 6, variable: 'pin' }, 'Up to 6 digits → {{pin}}'],
    ['branch', { conditions: [condition({ operator: 'between', compareAs: 'number', subject: 'age', value: '18', value2: '65' })] }, 'age is between 18 and 65'],
    ['branch', { conditions: [condition({ operator: 'isEmpty', subject: 'pin' }), condition()] }, 'pin is empty (+1 more)'],
    ['hours', { timezone: 'Europe/London', windows: [openTime(), openTime()], holidays: [holiday()] }, 'Europe/London · 2 opening times · 1 holiday'],
    ['set', { assignments: [{ name: 'tier', value: 'gold' }, { name: 'n', value: '1' }] }, 'tier = gold, n = 1'],
    ['http', { method: 'POST', url: 'https://crm.example.com/lookup' }, 'POST crm.example.com/lookup'],
    ['connect', { endpoints: [endpoint()] }, 'Call +447700900001'],
    ['connect', { endpoints: [endpoint({ type: 'sip', uri: 'sip:desk@pbx.example.com' }), endpoint()] }, 'Call sip:desk@pbx.example.com, then 1 more'],
    ['connect', { endpoints: [endpoint({ type: 'vbc', extension: '204' })] }, 'Call extension 204'],
    ['record', { endOnKey: '#', timeOut: 120 }, 'Voicemail: key # / 120 s max'],
    ['record', { endOnKey: '' }, 'Records until the call ends'],
    ['conference', { name: 'standup' }, 'Room standup'],
    ['notify', { url: 'https://example.com/hooks/call' }, 'POST example.com/hooks/call'],
    ['wait', { seconds: 1.5 }, 'Pause 1.5 s'],
    ['goto', { flowId: 'flow_1' }, 'Continue in flow flow_1'],
    ['hangup', {}, 'End the call'],
  ];
  it.each(cases)('%s %j → %s', (kind, data, expected) => {
    expect(summaryOf({ kind, data })).toBe(expected);
  });

  it('clips long summaries', () => {
    const summary = summaryOf({ kind: 'http', data: { url: `https://example.com/${'a'.repeat(200)}` } });
    expect(summary.length).toBeLessThanOrEqual(60);
    expect(summary).toMatch(/…$/);
  });
});

describe('schemas', () => {
  const rejected: [NodeKindId, Data, string[]][] = [
    ['say', { text: '   ' }, ['text']],
    ['say', { text: 'a'.repeat(1501) }, ['text']],
    ['say', { level: 2 }, ['level']],
    ['say', { language: 'xx-XX' }, ['language']],
    ['play', { url: 'http://example.com/a.mp3' }, ['url']],
    ['play', { url: 'https://example.com/my file.mp3' }, ['url']],
    ['play', { loop: -1 }, ['loop']],
    ['menu', { choices: [] }, ['choices']],
    ['menu', { promptType: 'play', promptUrl: '' }, ['promptUrl']],
    ['menu', { prompt: '' }, ['prompt']],
    ['menu', { choices: [choice(), choice({ key: '2' })] }, ['choices.1.id']],
    ['menu', { choices: [choice({ id: 'noMatch' })] }, ['choices.0.id']],
    ['menu', { choices: [choice(), choice({ id: 'support' })] }, ['choices.1.key']],
    ['collect', { maxDigits: 21 }, ['maxDigits']],
    ['collect', { timeout: 0 }, ['timeout']],
    ['collect', { variable: '' }, ['variable']],
    ['collect', { variable: '1st' }, ['variable']],
    ['collect', { promptType: 'play', promptUrl: 'ftp://example.com/p.mp3' }, ['promptUrl']],
    ['branch', { conditions: [] }, ['conditions']],
    ['branch', { conditions: [condition({ subject: 'call.foo' })] }, ['conditions.0.subject']],
    ['branch', { conditions: [condition({ value: ' ' })] }, ['conditions.0.value']],
    ['branch', { conditions: [condition({ operator: 'between', compareAs: 'number', value: '1' })] }, ['conditions.0.value2']],
    ['branch', { conditions: [condition({ operator: 'greaterThan', compareAs: 'number', value: 'ten' })] }, ['conditions.0.value']],
    ['branch', { conditions: [condition({ operator: 'matches', value: '(a+)+$' })] }, ['conditions.0.value']],
    ['branch', { conditions: [condition({ operator: 'matches', value: '[' })] }, ['conditions.0.value']],
    ['branch', { conditions: [condition({ operator: 'near' })] }, ['conditions.0.operator']],
    ['branch', { conditions: [condition(), condition()] }, ['conditions.1.id']],
    ['branch', { conditions: [condition({ id: 'else' })] }, ['conditions.0.id']],
    ['hours', { timezone: 'Mars/Olympus_Mons' }, ['timezone']],
    ['hours', { timezone: '+01:00' }, ['timezone']],
    ['hours', { windows: [] }, ['windows']],
    ['hours', { windows: [openTime({ start: '9:00' })] }, ['windows.0.start']],
    ['hours', { windows: [openTime({ end: '24:00' })] }, ['windows.0.end']],
    ['hours', { windows: [openTime({ days: [] })] }, ['windows.0.days']],
    ['hours', { windows: [openTime({ days: ['mon', 'mon'] })] }, ['windows.0.days']],
    ['hours', { windows: [openTime({ days: ['funday'] })] }, ['windows.0.days.0']],
    ['hours', { holidays: [holiday({ date: '2026-02-30' })] }, ['holidays.0.date']],
    ['hours', { holidays: [holiday({ allDay: false, start: '', end: '00:00' })] }, ['holidays.0.start']],
    ['set', { assignments: [] }, ['assignments']],
    ['set', { assignments: [{ id: 'a', name: 'my var', value: '' }] }, ['assignments.0.name']],
    ['set', { assignments: [{ id: 'a', name: 'x', value: '1' }, { id: 'b', name: 'x', value: '2' }] }, ['assignments.1.name']],
    ['http', { url: '' }, ['url']],
    ['http', { url: 'ftp://example.com' }, ['url']],
    ['http', { url: 'https://exa mple.com' }, ['url']],
    ['http', { method: 'HEAD' }, ['method']],
    ['http', { timeoutMs: 5000 }, ['timeoutMs']],
    ['http', { headers: [{ id: 'h', name: 'Bad Header', value: 'x' }] }, ['headers.0.name']],
    ['http', { headers: [{ id: 'h', name: 'X-Id', value: 'a\r\nInjected: 1' }] }, ['headers.0.value']],
    ['http', { responseMap: [{ id: 'r', variable: 'tier', path: 'customer..tier' }] }, ['responseMap.0.path']],
    ['http', { responseMap: [{ id: 'r', variable: 'customer-tier', path: 'tier' }] }, ['responseMap.0.variable']],
    ['http', { method: 'POST', body: 'x'.repeat(10_001) }, ['body']],
    ['connect', { endpoints: [] }, ['endpoints']],
    ['connect', { endpoints: Array.from({ length: 6 }, (_, i) => endpoint({ id: `e${i}` })) }, ['endpoints']],
    ['connect', { endpoints: [endpoint({ number: '+447700900001' })] }, ['endpoints.0.number']],
    ['connect', { endpoints: [endpoint({ number: '07700900001' })] }, ['endpoints.0.number']],
    ['connect', { endpoints: [endpoint({ number: '447 700 900' })] }, ['endpoints.0.number']],
    ['connect', { endpoints: [endpoint({ number: '12345' })] }, ['endpoints.0.number']],
    ['connect', { endpoints: [endpoint(), endpoint({ id: 'ep2', number: '' })] }, ['endpoints.1.number']],
    ['connect', { endpoints: [endpoint({ dtmfAnswer: 'abc' })] }, ['endpoints.0.dtmfAnswer']],
    ['connect', { endpoints: [endpoint({ type: 'app', user: '' })] }, ['endpoints.0.user']],
    ['connect', { endpoints: [endpoint({ type: 'sip', uri: 'alice' })] }, ['endpoints.0.uri']],
    ['connect', { endpoints: [endpoint({ type: 'websocket', uri: 'https://ws.example.com' })] }, ['endpoints.0.uri']],
    ['connect', { endpoints: [endpoint({ type: 'websocket', uri: 'wss://ws.example.com', contentType: 'audio/mp3' })] }, ['endpoints.0.contentType']],
    ['connect', { endpoints: [endpoint({ type: 'vbc', extension: 'ext' })] }, ['endpoints.0.extension']],
    ['connect', { endpoints: [endpoint({ type: 'fax' })] }, ['endpoints.0.type']],
    ['connect', { from: '+447700900000' }, ['from']],
    ['connect', { timeout: 121 }, ['timeout']],
    ['connect', { limit: 7201 }, ['limit']],
    ['connect', { ringbackTone: 'http://example.com/ring.mp3' }, ['ringbackTone']],
    ['connect', { machineDetection: 'maybe' }, ['machineDetection']],
    ['record', { endOnKey: 'A' }, ['endOnKey']],
    ['record', { endOnSilence: 2 }, ['endOnSilence']],
    ['record', { timeOut: 7201 }, ['timeOut']],
    ['record', { format: 'flac' }, ['format']],
    ['record', { transcription: true, transcriptionLanguage: 'English' }, ['transcriptionLanguage']],
    ['conference', { name: ' ' }, ['name']],
    ['conference', { musicOnHoldUrl: 'http://example.com/hold.mp3' }, ['musicOnHoldUrl']],
    ['notify', { url: '' }, ['url']],
    ['notify', { method: 'PUT' }, ['method']],
    ['notify', { payload: '' }, ['payload']],
    ['notify', { payload: '[1, 2]' }, ['payload']],
    ['notify', { payload: '{"caller": }' }, ['payload']],
    ['wait', { seconds: 0 }, ['seconds']],
    ['wait', { seconds: 7201 }, ['seconds']],
    ['goto', { flowId: '' }, ['flowId']],
    ['goto', { flowId: 'has space' }, ['flowId']],
    ['note', { color: 'red' }, ['color']],
  ];

  it.each(rejected)('%s rejects %j at %j', (kind, patch, paths) => {
    const data = valid(kind, patch);
    expect(issuePaths(kind, data)).toEqual(paths);
    const result = kindOf(kind).schema.safeParse(data);
    // These appear beside the inspector field, so none may be zod's generic wording.
    for (const issue of result.error?.issues ?? []) expect(issue.message).not.toMatch(/^Invalid|^Too (big|small)/);
  });

  const accepted: [NodeKindId, Data][] = [
    ['say', { language: 'cy-GB', style: 2 }],
    ['menu', { promptType: 'play', prompt: '', promptUrl: 'https://example.com/menu.mp3' }],
    ['collect', { promptType: 'play', prompt: '', promptUrl: 'https://example.com/pin.mp3' }],
    ['branch', { conditions: [condition({ operator: 'isEmpty', value: '' })] }],
    ['branch', { conditions: [condition({ operator: 'lessThan', value: '09:30' })] }],
    ['branch', { conditions: [condition({ operator: 'between', compareAs: 'number', value: '{{min}}', value2: '10' })] }],
    ['branch', { conditions: [condition({ operator: 'matches', value: '^44(20|161)' })] }],
    ['branch', { conditions: [condition({ subject: 'menu_choice', operator: 'notEquals', value: '{{call.to}}' })] }],
    ['hours', { timezone: 'UTC', windows: [openTime({ start: '22:00', end: '06:00' })] }],
    ['hours', { holidays: [holiday({ allDay: false, start: '13:00', end: '00:00' }), holiday({ id: 'h2', date: '2028-02-29' })] }],
    ['set', { assignments: [{ id: 'a', name: 'tier', value: '' }] }],
    ['http', { method: 'GET', body: 'x'.repeat(10_001) }],
    ['http', { url: 'https://{{crm_host}}/customers/{{customer_id}}', headers: [{ id: 'h', name: 'Authorization', value: 'Bearer {{token}}' }] }],
    ['http', { responseMap: [{ id: 'r', variable: 'first_order', path: 'orders.0.id' }] }],
    ['connect', { endpoints: [endpoint({ type: 'websocket', uri: 'wss://ws.example.com/audio', contentType: 'audio/l16;rate=24000' })] }],
    ['connect', { endpoints: [endpoint({ type: 'sip', uri: 'sip:desk@pbx.example.com;transport=tls', number: '' })] }],
    ['connect', { endpoints: [endpoint({ dtmfAnswer: 'pp123#' })], from: '447700900000', ringbackTone: 'https://example.com/ring.mp3' }],
    ['record', { endOnKey: '', endOnSilence: undefined, timeOut: undefined }],
    ['record', { transcription: true, transcriptionLanguage: 'pt-BR' }],
    ['conference', { name: 'room-{{pin}}', musicOnHoldUrl: 'https://example.com/hold.mp3', startOnEnter: false }],
    ['notify', { payload: '{ "pin": {{pin}}, "from": "{{call.from}}" }', method: 'GET' }],
    ['wait', { seconds: 0.1 }],
  ];

  it.each(accepted)('%s accepts %j', (kind, patch) => {
    expect(issuePaths(kind, valid(kind, patch))).toEqual([]);
  });
});

describe('TTS languages', () => {
  it('offers every language of the Vonage SDK enum, labelled', async () => {
    const { TTSLanguages } = await import('@vonage/voice');
    expect(Object.keys(TTS_LANGUAGES).sort()).toEqual(Object.values(TTSLanguages).sort());
    expect(LANGUAGE_OPTIONS.map((o) => o.label)).toEqual([...LANGUAGE_OPTIONS.map((o) => o.label)].sort((a, b) => a.localeCompare(b)));
    expect(new Set(Object.values(TTS_LANGUAGES)).size).toBe(Object.keys(TTS_LANGUAGES).length);
  });
});

it('registry exposes every kind under its own id', () => {
  for (const [id, def] of Object.entries(nodeKinds)) expect(def.kind).toBe(id);
});
