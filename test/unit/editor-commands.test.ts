import { describe, expect, it } from 'vitest';
import { createEditorState, reduce, type Command } from '@/lib/editor/commands';
import type { EditorState, Snapshot } from '@/lib/editor/types';
import { FlowDocumentSchema } from '@/lib/flow/document';
import { FlowSettingsSchema } from '@/lib/flow/settings';

const run = (state: EditorState, ...commands: Command[]) => commands.reduce(reduce, state);

const choice = (id: string, key: string) => ({ id, key, phrases: [], label: key });

/** start → menu m1; choice c_one → say s1 → hangup h1; choice c_two → h1; a note n1 on the side. */
function flow(): Snapshot {
  const settings = FlowSettingsSchema.parse({});
  return {
    document: {
      schemaVersion: 1,
      settings,
      nodes: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'm1', kind: 'menu', data: { prompt: 'Press 1 or 2', dtmf: true, choices: [choice('c_one', '1'), choice('c_two', '2')] } },
        { id: 's1', kind: 'say', data: { text: 'Hello' } },
        { id: 'h1', kind: 'hangup', data: {} },
        { id: 'n1', kind: 'note', data: { text: 'Why', color: 'yellow' } },
      ],
      edges: [
        { id: 'e_start', source: 'start', sourceHandle: 'next', target: 'm1' },
        { id: 'e_one', source: 'm1', sourceHandle: 'c_one', target: 's1' },
        { id: 'e_two', source: 'm1', sourceHandle: 'c_two', target: 'h1' },
        { id: 'e_say', source: 's1', sourceHandle: 'next', target: 'h1' },
      ],
    },
    layout: { start: { x: 0, y: 0 }, m1: { x: 300, y: 0 }, s1: { x: 600, y: 0 }, h1: { x: 900, y: 0 }, n1: { x: 0, y: 300 } },
  };
}

const initial = () => createEditorState(flow());
const edgeIds = (state: EditorState) => state.present.document.edges.map((e) => e.id);
const nodeIds = (state: EditorState) => state.present.document.nodes.map((n) => n.id);

describe('addNode', () => {
  it('adds a node with its kind defaults at the position, selects it, and undo removes it', () => {
    const added = run(initial(), { type: 'select', nodes: ['s1'], edges: [] }, { type: 'addNode', kind: 'say', position: { x: 5, y: 6 }, id: 'new' });
    expect(added.present.document.nodes.at(-1)).toEqual({ id: 'new', kind: 'say', data: expect.objectContaining({ text: '', loop: 1 }) });
    expect(added.present.layout.new).toEqual({ x: 5, y: 6 });
    expect(added.selection).toEqual({ nodes: ['new'], edges: [] });
    expect(added.past).toHaveLength(1);

    const undone = run(added, { type: 'undo' });
    expect(nodeIds(undone)).not.toContain('new');
    expect(undone.present.layout).not.toHaveProperty('new');
    expect(undone.selection).toEqual({ nodes: [], edges: [] });
  });

  it('generates an id when none is given', () => {
    const added = run(initial(), { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 } });
    expect(added.present.document.nodes).toHaveLength(6);
    expect(added.selection.nodes).toEqual([added.present.document.nodes.at(-1)?.id]);
    expect(FlowDocumentSchema.safeParse(added.present.document).success).toBe(true);
  });

  it.each([
    ['an id already in use', { type: 'addNode', kind: 'say', position: { x: 0, y: 0 }, id: 's1' }],
    ['a second Incoming call', { type: 'addNode', kind: 'start', position: { x: 0, y: 0 }, id: 'start2' }],
  ] satisfies [string, Command][])('refuses %s without history', (_, command) => {
    const state = initial();
    expect(reduce(state, command)).toBe(state);
  });
});

describe('moveNodes', () => {
  it('moves known nodes and ignores unknown ids', () => {
    const moved = run(initial(), { type: 'moveNodes', positions: { s1: { x: 1, y: 2 }, ghost: { x: 9, y: 9 } } });
    expect(moved.present.layout.s1).toEqual({ x: 1, y: 2 });
    expect(moved.present.layout).not.toHaveProperty('ghost');
    expect(moved.past).toHaveLength(1);
  });

  it('is not history when nothing moves', () => {
    const state = initial();
    expect(reduce(state, { type: 'moveNodes', positions: { s1: { x: 600, y: 0 } } })).toBe(state);
  });
});

describe('updateNodeData', () => {
  it('merges the given keys and removes keys set to undefined', () => {
    const state = run(
      initial(),
      { type: 'updateNodeData', nodeId: 's1', data: { style: 3 } },
      { type: 'updateNodeData', nodeId: 's1', data: { text: 'Bye', style: undefined } },
    );
    expect(state.present.document.nodes.find((n) => n.id === 's1')?.data).toEqual({ text: 'Bye' });
    expect(state.past).toHaveLength(2);
  });

  it('keeps the edges array itself when no edge lost its output, so the canvas re-renders none of them', () => {
    const before = initial();
    const typed = run(before, { type: 'updateNodeData', nodeId: 's1', data: { text: 'Hello there' } });
    expect(typed.present.document).not.toBe(before.present.document);
    expect(typed.present.document.edges).toBe(before.present.document.edges);
    const pruned = run(before, { type: 'updateNodeData', nodeId: 'm1', data: { choices: [choice('c_two', '2')] } });
    expect(pruned.present.document.edges).not.toBe(before.present.document.edges);
  });

  it('prunes the edge of a removed menu choice and keeps the others', () => {
    const state = run(initial(), { type: 'updateNodeData', nodeId: 'm1', data: { choices: [choice('c_two', '2')] } });
    expect(edgeIds(state)).toEqual(['e_start', 'e_two', 'e_say']);
    expect(run(state, { type: 'undo' }).present).toEqual(flow());
  });

  it.each([
    ['an unknown node', { type: 'updateNodeData', nodeId: 'ghost', data: { text: 'x' } }],
    ['the same data', { type: 'updateNodeData', nodeId: 's1', data: { text: 'Hello' } }],
  ] satisfies [string, Command][])('is a no-op for %s', (_, command) => {
    const state = initial();
    expect(reduce(state, command)).toBe(state);
  });
});

describe('connect', () => {
  it('adds an edge from an output to a node', () => {
    const state = run(initial(), { type: 'connect', source: 'm1', sourceHandle: 'noInput', target: 'h1' });
    expect(state.present.document.edges.at(-1)).toMatchObject({ source: 'm1', sourceHandle: 'noInput', target: 'h1' });
    expect(state.present.document.edges).toHaveLength(5);
    expect(state.past).toHaveLength(1);
  });

  it('replaces the edge already leaving the same output', () => {
    const state = run(initial(), { type: 'connect', source: 'm1', sourceHandle: 'c_one', target: 'h1' });
    const fromChoice = state.present.document.edges.filter((e) => e.source === 'm1' && e.sourceHandle === 'c_one');
    expect(fromChoice).toEqual([expect.objectContaining({ target: 'h1' })]);
    expect(edgeIds(state)).not.toContain('e_one');
  });

  it('allows a node to loop back to itself (a menu repeating on one key)', () => {
    const state = run(initial(), { type: 'connect', source: 'm1', sourceHandle: 'noMatch', target: 'm1' });
    expect(state.present.document.edges).toHaveLength(5);
  });

  it.each([
    ['a target without input (Incoming call)', { source: 's1', sourceHandle: 'next', target: 'start' }],
    ['a target without input (Note)', { source: 's1', sourceHandle: 'next', target: 'n1' }],
    ['an unknown handle', { source: 'm1', sourceHandle: 'c_gone', target: 'h1' }],
    ['a node without outputs', { source: 'h1', sourceHandle: 'next', target: 's1' }],
    ['an unknown source', { source: 'ghost', sourceHandle: 'next', target: 'h1' }],
    ['an unknown target', { source: 's1', sourceHandle: 'next', target: 'ghost' }],
    ['an identical edge', { source: 'm1', sourceHandle: 'c_one', target: 's1' }],
  ])('refuses %s without history', (_, edge) => {
    const state = initial();
    expect(reduce(state, { type: 'connect', ...edge })).toBe(state);
  });
});

describe('removeElements', () => {
  it('removes nodes with the edges touching them and their positions, plus listed edges', () => {
    const state = run(
      initial(),
      { type: 'select', nodes: ['s1', 'm1'], edges: ['e_two'] },
      { type: 'removeElements', nodes: ['s1'], edges: ['e_two'] },
    );
    expect(nodeIds(state)).toEqual(['start', 'm1', 'h1', 'n1']);
    expect(edgeIds(state)).toEqual(['e_start']);
    expect(state.present.layout).not.toHaveProperty('s1');
    expect(state.selection).toEqual({ nodes: ['m1'], edges: [] });
    expect(run(state, { type: 'undo' }).present).toEqual(flow());
  });

  it('is a no-op for ids that do not exist', () => {
    const state = initial();
    expect(reduce(state, { type: 'removeElements', nodes: ['ghost'], edges: ['nope'] })).toBe(state);
  });
});

describe('select', () => {
  it('sets the selection, drops unknown ids, and leaves history and version alone', () => {
    const edited = run(initial(), { type: 'moveNodes', positions: { s1: { x: 1, y: 1 } } });
    const selected = run(edited, { type: 'select', nodes: ['s1', 'ghost'], edges: ['e_one'] });
    expect(selected.selection).toEqual({ nodes: ['s1'], edges: ['e_one'] });
    expect(selected.past).toBe(edited.past);
    expect(selected.version).toBe(edited.version);
    expect(selected.present).toBe(edited.present);
  });

  it('returns the same state when the selection is unchanged', () => {
    const selected = run(initial(), { type: 'select', nodes: ['s1'], edges: [] });
    expect(reduce(selected, { type: 'select', nodes: ['s1'], edges: [] })).toBe(selected);
  });
});

describe('applyLayout', () => {
  it('moves every laid-out node in one history entry', () => {
    const layout = { start: { x: 10, y: 10 }, m1: { x: 20, y: 20 }, s1: { x: 30, y: 30 }, ghost: { x: 1, y: 1 } };
    const state = run(initial(), { type: 'applyLayout', layout });
    expect(state.present.layout).toEqual({ ...flow().layout, start: { x: 10, y: 10 }, m1: { x: 20, y: 20 }, s1: { x: 30, y: 30 } });
    expect(state.past).toHaveLength(1);
    expect(run(state, { type: 'undo' }).present.layout).toEqual(flow().layout);
  });
});

describe('updateSettings', () => {
  it('replaces the flow settings as one entry per gesture', () => {
    const settings = flow().document.settings;
    const state = run(
      initial(),
      { type: 'updateSettings', settings: { ...settings, apologyText: 'S' }, gesture: 'apology' },
      { type: 'updateSettings', settings: { ...settings, apologyText: 'So' }, gesture: 'apology' },
      { type: 'endGesture' },
    );
    expect(state.present.document.settings.apologyText).toBe('So');
    expect(state.past).toHaveLength(1);
  });
});

describe('load', () => {
  it('replaces the present, clears history and the gesture, keeps the version', () => {
    const edited = run(
      initial(),
      { type: 'select', nodes: ['s1', 'm1'], edges: [] },
      { type: 'moveNodes', positions: { s1: { x: 1, y: 1 } } },
      { type: 'undo' },
      { type: 'moveNodes', positions: { s1: { x: 2, y: 2 } }, gesture: 'drag' },
    );
    const replacement = run(initial(), { type: 'removeElements', nodes: ['s1'], edges: [] }).present;
    const loaded = run(edited, { type: 'load', snapshot: replacement });
    expect(loaded).toEqual({ ...edited, present: replacement, past: [], future: [], gesture: null, selection: { nodes: ['m1'], edges: [] } });
  });
});

describe('restore', () => {
  it('replaces the present as one undoable edit (restoring a version into the draft)', () => {
    const start = initial();
    const version = run(initial(), { type: 'removeElements', nodes: ['s1'], edges: [] }).present;
    const restored = run(start, { type: 'restore', snapshot: version });
    expect(restored.present).toEqual(version);
    expect(restored.version).toBe(start.version + 1);
    expect(run(restored, { type: 'undo' }).present).toEqual(start.present);
  });
});

describe('endGesture', () => {
  it('does nothing without an open gesture', () => {
    const state = initial();
    expect(reduce(state, { type: 'endGesture' })).toBe(state);
  });
});
