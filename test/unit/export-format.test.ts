import { describe, expect, it } from 'vitest';
import { formatIssue } from '@/lib/api/issues';
import { createNode, emptyDocument } from '@/lib/flow/document';
import { exportFileName, parseFlowExport, toFlowExport } from '@/lib/flows/export-format';

const { document, layout } = emptyDocument();
const valid = toFlowExport({ name: 'Support line', document, layout });

/** The messages a person sees for a file, one line per problem. */
function problems(value: unknown): string[] {
  const result = parseFlowExport(value);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('parseFlowExport', () => {
  it('accepts what toFlowExport writes, after a trip through JSON', () => {
    const result = parseFlowExport(JSON.parse(JSON.stringify(valid)));
    expect(result).toEqual({ ok: true, flow: valid });
  });

  it('accepts a file without positions', () => {
    const { layout: _, ...withoutLayout } = valid;
    expect(parseFlowExport(withoutLayout)).toEqual({ ok: true, flow: { ...withoutLayout, layout: {} } });
  });

  const nodes = [...document.nodes, createNode('hangup', 'bye'), { id: 'n3', kind: 'foo', data: {} }];
  it.each([
    ['an array', [valid], ['Not a Switchboard flow export: expected a JSON object with "format": "switchboard.flow"']],
    ['text', 'hello', ['Not a Switchboard flow export: expected a JSON object with "format": "switchboard.flow"']],
    ['a missing format', { ...valid, format: undefined }, ['format: Not a Switchboard flow export: "format" must be "switchboard.flow"']],
    ['another format', { ...valid, format: 'n8n.workflow' }, ['format: Not a Switchboard flow export: "format" must be "switchboard.flow"']],
    ['a newer version', { ...valid, version: 2 }, ['version: Unsupported version 2: this Switchboard reads version 1']],
    ['a missing version', { ...valid, version: undefined }, ['version: "version" is missing']],
    ['an unknown node kind', { ...valid, document: { ...document, nodes } }, ['document.nodes.2.kind: Unknown node kind "foo"']],
    ['an empty name', { ...valid, name: ' ' }, ['name: Name cannot be empty']],
    ['a wrong schema version', { ...valid, document: { ...document, schemaVersion: 7 } }, ['document.schemaVersion: schemaVersion must be 1']],
    ['a position that is not a number', { ...valid, layout: { start: { x: '10', y: 0 } } }, [expect.stringMatching(/^layout\.start\.x: /)]],
  ])('names the problem with %s', (_, value, expected) => {
    expect(problems(value)).toEqual(expected);
  });

  it('reports every problem in a file that is an export, each at its own path', () => {
    const file = { ...valid, name: '', document: { ...document, edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'ghost' }] } };
    expect(problems(file)).toEqual(['name: Name cannot be empty', 'document.edges.0.target: No node ghost']);
  });

  it('stops at the header when the file is not an export, instead of listing every missing field', () => {
    expect(problems({ nodes: [], edges: [] })).toHaveLength(2);
    expect(problems({ nodes: [], edges: [] })).toEqual([
      'format: Not a Switchboard flow export: "format" must be "switchboard.flow"',
      'version: "version" is missing',
    ]);
  });
});

describe('exportFileName', () => {
  it.each([
    ['Support line', 'support-line.json'],
    ['  Support line (UK) — v2  ', 'support-line-uk-v2.json'],
    ['Café Zürich', 'cafe-zurich.json'],
    ['お問い合わせ ぶどう', 'お問い合わせ-ぶどう.json'],
    ['***', 'flow.json'],
    ['a/../../etc/passwd', 'a-etc-passwd.json'],
    ['x'.repeat(120), `${'x'.repeat(80)}.json`],
  ])('%j → %j', (name, file) => {
    expect(exportFileName(name)).toBe(file);
  });
});
