import { describe, expect, it } from 'vitest';
import { copySelection, parseClipboard, type Clipboard } from '@/lib/editor/clipboard';
import { createEditorState, reduce, type Command } from '@/lib/editor/commands';
import type { EditorState, Snapshot } from '@/lib/editor/types';
import { FlowDocumentSchema } from '@/lib/flow/document';
import { FlowSettingsSchema } from '@/lib/flow/settings';

const run = (state: EditorState, ...commands: Command[]) => commands.reduce(reduce, state);

/** start → menu m1; choice c_one → say s1; choice c_two → hangup h1. */
function flow(): Snapshot {
  return {
    document: {
      schemaVersion: 1,
      settings: FlowSettingsSchema.parse({}),
      nodes: [
        { id: 'start', kind: 'start', data: {} },
        {
          id: 'm1',
          kind: 'menu',
          data: { prompt: 'Choose', choices: [{ id: 'c_one', key: '1', phrases: [], label: 'One' }, { id: 'c_two', key: '2', phrases: [], label: 'Two' }] },
        },
        { id: 's1', kind: 'say', data: { text: 'Hello' } },
        { id: 'h1', kind: 'hangup', data: {} },
      ],
      edges: [
        { id: 'e_start', source: 'start', sourceHandle: 'next', target: 'm1' },
        { id: 'e_one', source: 'm1', sourceHandle: 'c_one', target: 's1' },
        { id: 'e_two', source: 'm1', sourceHandle: 'c_two', target: 'h1' },
      ],
    },
    layout: { start: { x: 0, y: 0 }, m1: { x: 300, y: 0 }, s1: { x: 600, y: 0 }, h1: { x: 600, y: 200 } },
  };
}

const selecting = (nodes: string[]) => run(createEditorState(flow()), { type: 'select', nodes, edges: [] });

function copied(nodes: string[]): Clipboard {
  const clipboard = copySelection(selecting(nodes));
  if (!clipboard) throw new Error('expected a clipboard');
  return clipboard;
}

describe('copySelection', () => {
  it('takes the selected nodes, only the edges between them, and their positions', () => {
    expect(copied(['m1', 's1'])).toEqual({
      format: 'switchboard.clipboard',
      nodes: [flow().document.nodes[1], flow().document.nodes[2]],
      edges: [flow().document.edges[1]],
      layout: { m1: { x: 300, y: 0 }, s1: { x: 600, y: 0 } },
    });
  });

  it('is null when no node is selected', () => {
    const state = run(createEditorState(flow()), { type: 'select', nodes: [], edges: ['e_one'] });
    expect(copySelection(state)).toBeNull();
  });
});

describe('parseClipboard', () => {
  it('reads back what was copied', () => {
    expect(parseClipboard(JSON.stringify(copied(['m1', 's1'])))).toEqual(copied(['m1', 's1']));
  });

  it.each([
    ['plain text', 'Hello'],
    ['another JSON shape', '{"nodes":[]}'],
    ['a flow export', JSON.stringify({ format: 'switchboard.flow', version: 1, nodes: [], edges: [], layout: {} })],
    ['an unknown node kind', JSON.stringify({ ...copied(['s1']), nodes: [{ id: 'x', kind: 'teleport', data: {} }] })],
    ['a bad position', JSON.stringify({ ...copied(['s1']), layout: { s1: { x: 'left', y: 0 } } })],
  ])('is null for %s', (_, text) => {
    expect(parseClipboard(text)).toBeNull();
  });
});

describe('paste', () => {
  const pasteInto = (state: EditorState, clipboard: Clipboard) =>
    run(state, { type: 'paste', clipboard, offset: { x: 10, y: 20 } });

  it('adds copies with fresh ids at the offset, remapping choice ids and their edges, and selects them', () => {
    const before = createEditorState(flow());
    const after = pasteInto(before, copied(['m1', 's1', 'h1']));
    const { nodes, edges } = after.present.document;
    const [menu, say, hangup] = nodes.slice(4);
    expect(nodes.slice(0, 4)).toEqual(flow().document.nodes);
    expect([menu?.kind, say?.kind, hangup?.kind]).toEqual(['menu', 'say', 'hangup']);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(7);

    const choices = menu?.data.choices as { id: string; key: string }[];
    expect(choices.map((c) => c.key)).toEqual(['1', '2']);
    expect(choices.map((c) => c.id)).not.toContain('c_one');
    expect(choices.every((c) => /^c_/.test(c.id))).toBe(true);

    expect(edges.slice(3).map(({ source, sourceHandle, target }) => ({ source, sourceHandle, target }))).toEqual([
      { source: menu?.id, sourceHandle: choices[0]?.id, target: say?.id },
      { source: menu?.id, sourceHandle: choices[1]?.id, target: hangup?.id },
    ]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(5);
    expect(after.present.layout[menu?.id ?? '']).toEqual({ x: 310, y: 20 });
    expect(after.selection).toEqual({ nodes: [menu?.id, say?.id, hangup?.id], edges: [] });
    expect(after.past).toHaveLength(1);
    expect(FlowDocumentSchema.safeParse(after.present.document).success).toBe(true);
  });

  it('leaves out edges to nodes that were not copied', () => {
    const after = pasteInto(createEditorState(flow()), copied(['m1', 'h1']));
    expect(after.present.document.edges.slice(3)).toEqual([expect.objectContaining({ target: after.selection.nodes[1] })]);
  });

  it('skips a copied Incoming call when the flow has one, keeping the rest', () => {
    const after = pasteInto(createEditorState(flow()), copied(['start', 'm1']));
    expect(after.present.document.nodes.filter((n) => n.kind === 'start')).toHaveLength(1);
    expect(after.selection.nodes).toHaveLength(1);
    expect(after.present.document.edges).toHaveLength(3);
  });

  it('pastes an Incoming call into a flow without one', () => {
    const empty = run(createEditorState(flow()), { type: 'removeElements', nodes: ['start'], edges: [] });
    const after = pasteInto(empty, copied(['start', 'm1']));
    expect(after.present.document.nodes.filter((n) => n.kind === 'start')).toHaveLength(1);
    expect(after.present.document.edges.at(-1)).toMatchObject({ sourceHandle: 'next', target: after.selection.nodes[1] });
  });

  it('drops clipboard edges that break connection rules (edited clipboard text)', () => {
    const clipboard = copied(['m1', 's1']);
    const tampered: Clipboard = {
      ...clipboard,
      edges: [
        ...clipboard.edges,
        { id: 'x1', source: 'm1', sourceHandle: 'c_one', target: 'm1' },
        { id: 'x2', source: 's1', sourceHandle: 'nowhere', target: 'm1' },
      ],
    };
    const after = pasteInto(createEditorState(flow()), tampered);
    expect(after.present.document.edges.slice(3).map((e) => e.target)).toEqual([after.selection.nodes[1]]);
  });

  it('is a no-op when every copied node is skipped', () => {
    const state = createEditorState(flow());
    expect(pasteInto(state, copied(['start']))).toBe(state);
  });
});

describe('duplicateSelection', () => {
  it('pastes the selection 40 px down and right as one entry', () => {
    const after = run(selecting(['s1', 'h1']), { type: 'duplicateSelection' });
    const [say, hangup] = after.selection.nodes;
    expect(after.present.layout[say ?? '']).toEqual({ x: 640, y: 40 });
    expect(after.present.layout[hangup ?? '']).toEqual({ x: 640, y: 240 });
    expect(after.past).toHaveLength(1);
    expect(run(after, { type: 'undo' }).present).toEqual(flow());
  });
});
