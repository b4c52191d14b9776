import { describe, expect, it } from 'vitest';
import {
  isE164,
  isHttpUrl,
  isSsml,
  renderTemplate,
  spokenLength,
  templateVariables,
  type Scope,
  type TemplateMode,
} from '@/lib/runtime/template';

const scope: Scope = {
  vars: {
    name: 'Ada',
    tier: 'gold',
    count: 3,
    price: 9.5,
    vip: true,
    nothing: null,
    empty: '',
    evil: `<break time="9s"/> & "quotes" 'single'`,
    spaced: 'a b&c/d?e=f',
    json: 'line1\nline2 "quoted" \\ back',
    braces: '{{tier}}',
    toString: 'own toString wins',
  },
  call: { from: '447700900001', to: '447700900000', uuid: 'leg-1', conversation_uuid: 'CON-1' },
};

describe('renderTemplate: lookup', () => {
  it.each<[string, string, string]>([
    ['plain text untouched', 'Hello there', 'Hello there'],
    ['a variable', 'Hi {{name}}', 'Hi Ada'],
    ['whitespace inside the braces', 'Hi {{  name\t}}!', 'Hi Ada!'],
    ['several placeholders', '{{name}} is {{tier}} ({{tier}})', 'Ada is gold (gold)'],
    ['numbers as text', '{{count}} items at {{price}}', '3 items at 9.5'],
    ['booleans as text', 'vip={{vip}}', 'vip=true'],
    ['null renders empty', '[{{nothing}}]', '[]'],
    ['unknown renders empty', '[{{nobody}}]', '[]'],
    ['call.from', 'From {{call.from}}', 'From 447700900001'],
    ['call.to with spaces', 'To {{ call.to }}', 'To 447700900000'],
    ['call.uuid', '{{call.uuid}}', 'leg-1'],
    ['call.conversation_uuid', '{{call.conversation_uuid}}', 'CON-1'],
    ['unknown call field', '[{{call.region_url}}]', '[]'],
    ['bare call', '[{{call}}]', '[]'],
    ['an own property named like a builtin', '{{toString}}', 'own toString wins'],
    ['values are not rendered again', 'x={{braces}}', 'x={{tier}}'],
    ['unclosed braces stay literal', 'Hi {{name', 'Hi {{name'],
    ['single braces stay literal', 'Hi {name}', 'Hi {name}'],
    ['empty placeholder renders empty', 'a{{ }}b', 'ab'],
  ])('%s', (_label, template, expected) => {
    expect(renderTemplate(template, scope, 'text')).toBe(expected);
  });

  it.each([
    '{{__proto__}}',
    '{{constructor}}',
    '{{hasOwnProperty}}',
    '{{valueOf}}',
    '{{__proto__.polluted}}',
    '{{call.constructor}}',
    '{{call.__proto__}}',
    '{{call.toString}}',
    '{{ 1+1 }}',
    '{{ name.length }}',
    '{{ process.env.SECRET }}',
    '{{ (() => 1)() }}',
    '{{ name | upper }}',
  ])('never evaluates or reaches inherited properties: %s', (template) => {
    expect(renderTemplate(template, scope, 'text')).toBe('');
  });

  it('does not see inherited properties of a vars object with a prototype', () => {
    const vars = Object.create({ inherited: 'leak' }) as Scope['vars'];
    expect(renderTemplate('[{{inherited}}]', { ...scope, vars }, 'text')).toBe('[]');
  });
});

describe('renderTemplate: escaping by mode', () => {
  it.each<[string, string, TemplateMode, string]>([
    ['text leaves values as they are', 'Say {{evil}}', 'text', `Say <break time="9s"/> & "quotes" 'single'`],
    [
      'ssml escapes values inside <speak>',
      '<speak>Hello {{evil}}</speak>',
      'ssml',
      '<speak>Hello &lt;break time=&quot;9s&quot;/&gt; &amp; &quot;quotes&quot; &apos;single&apos;</speak>',
    ],
    ['ssml keeps the template markup itself', '<speak><break time="1s"/>{{name}}</speak>', 'ssml', '<speak><break time="1s"/>Ada</speak>'],
    ['ssml detection ignores leading whitespace', '  \n<speak>{{spaced}}</speak>', 'ssml', '  \n<speak>a b&amp;c/d?e=f</speak>'],
    ['ssml with attributes on <speak>', '<speak xml:lang="en-GB">{{spaced}}</speak>', 'ssml', '<speak xml:lang="en-GB">a b&amp;c/d?e=f</speak>'],
    ['plain text in ssml mode is not escaped', 'Hello {{evil}}', 'ssml', `Hello <break time="9s"/> & "quotes" 'single'`],
    ['url encodes each value', 'https://x.test/c?q={{spaced}}&n={{name}}', 'url', 'https://x.test/c?q=a%20b%26c%2Fd%3Fe%3Df&n=Ada'],
    ['url leaves the template itself alone', 'https://x.test/a b?{{name}}', 'url', 'https://x.test/a b?Ada'],
    ['json escapes for a string literal', '{"note":"{{json}}"}', 'json', '{"note":"line1\\nline2 \\"quoted\\" \\\\ back"}'],
    ['json with a number value', '{"n":"{{count}}"}', 'json', '{"n":"3"}'],
  ])('%s', (_label, template, mode, expected) => {
    expect(renderTemplate(template, scope, mode)).toBe(expected);
  });

  it('json output parses back to the original value', () => {
    const rendered = renderTemplate('{"evil":"{{evil}}","json":"{{json}}"}', scope, 'json');
    expect(JSON.parse(rendered)).toEqual({ evil: scope.vars.evil, json: scope.vars.json });
  });

  it('url output decodes back to the original value', () => {
    const url = new URL(renderTemplate('https://x.test/?q={{evil}}', scope, 'url'));
    expect(url.searchParams.get('q')).toBe(scope.vars.evil);
  });
});

describe('templateVariables', () => {
  it.each<[string, string[]]>([
    ['no placeholders', []],
    ['{{a}} and {{ b }} and {{a}}', ['a', 'b']],
    ['{{call.from}} calls {{ call.to }}', ['call.from', 'call.to']],
    ['{{ }} {{x}}', ['x']],
    ['{{__proto__}}', ['__proto__']],
  ])('%s', (template, names) => {
    expect(templateVariables(template)).toEqual(names);
  });
});

describe('isSsml', () => {
  it.each<[string, boolean]>([
    ['<speak>Hi</speak>', true],
    ['   <speak>Hi</speak>  ', true],
    ['<speak xml:lang="en-GB">Hi</speak>', true],
    ['Hi <speak>there</speak>', false],
    ['<speaker>Hi</speaker>', false],
    ['<SPEAK>Hi</SPEAK>', false],
    ['Hello', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isSsml(text)).toBe(expected);
  });
});

describe('spokenLength', () => {
  it.each<[string, number]>([
    ['Hello', 5],
    ['<b>Hello</b>', 12],
    ['<speak>Hello</speak>', 5],
    ['<speak>Hi <break time="1s"/>there <prosody rate="slow">you</prosody></speak>', 12],
    ['<speak>Tom &amp; Jerry</speak>', 15],
    [`<speak>${'a'.repeat(1500)}</speak>`, 1500],
  ])('%j → %d', (text, expected) => {
    expect(spokenLength(text)).toBe(expected);
  });
});

describe('isE164', () => {
  it.each<[string, boolean]>([
    ['447700900000', true],
    ['1234567', true],
    ['123456789012345', true],
    ['123456', false],
    ['1234567890123456', false],
    ['+447700900000', false],
    ['07700900000', false],
    ['44 7700 900000', false],
    ['44770090000a', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });
});

describe('isHttpUrl', () => {
  it.each<[string, boolean]>([
    ['https://example.com/hook', true],
    ['http://127.0.0.1:3000/x?y=1', true],
    ['https://example.com/a%20b', true],
    ['ftp://example.com/file', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['/relative/path', false],
    ['example.com', false],
    ['https://', false],
    ['https://exa mple.com', false],
    [' https://example.com', false],
    ['https://example.com/\nx', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});
