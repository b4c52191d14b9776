import { describe, expect, it } from 'vitest';
import { createEditorState, reduce, type Command } from '@/lib/editor/commands';
import { HISTORY_LIMIT } from '@/lib/editor/history';
import type { EditorState } from '@/lib/editor/types';
import { emptyDocument } from '@/lib/flow/document';

const run = (state: EditorState, ...commands: Command[]) => commands.reduce(reduce, state);

/** start plus a Say s1 at (0, 200): nothing selected, nothing in history. */
function initial(): EditorState {
  const state = run(createEditorState(emptyDocument()), { type: 'addNode', kind: 'say', position: { x: 0, y: 200 }, id: 's1' });
  return { ...state, past: [], selection: { nodes: [], edges: [] }, version: 0 };
}

const drag = (steps: number, gesture = 'drag'): Command[] =>
  Array.from({ length: steps }, (_, i) => ({ type: 'moveNodes', positions: { s1: { x: i + 1, y: 200 } }, gesture }));
const type = (field: string, text: string, gesture: string): Command[] =>
  [...text].map((_, i) => ({ type: 'updateNodeData', nodeId: 's1', data: { [field]: text.slice(0, i + 1) }, gesture }));
const textOf = (state: EditorState) => state.present.document.nodes.find((n) => n.id === 's1')?.data.text;

describe('gestures', () => {
  it('records a drag of 30 moves as one undo entry, bumping the version on each move', () => {
    const dragged = run(initial(), ...drag(30), { type: 'endGesture' });
    expect(dragged.present.layout.s1).toEqual({ x: 30, y: 200 });
    expect(dragged.past).toHaveLength(1);
    expect(dragged.version).toBe(30);
    expect(run(dragged, { type: 'undo' }).present.layout.s1).toEqual({ x: 0, y: 200 });
  });

  it('records typing 10 characters under one key as one undo entry', () => {
    const typed = run(initial(), ...type('text', 'Hello there', 'text:s1').slice(0, 10), { type: 'endGesture' });
    expect(textOf(typed)).toBe('Hello ther');
    expect(typed.past).toHaveLength(1);
    expect(textOf(run(typed, { type: 'undo' }))).toBe('');
  });

  it('opens a new entry when the gesture key changes', () => {
    const typed = run(initial(), ...type('text', 'Hi', 'text:s1'), ...type('language', 'en-GB', 'language:s1'), { type: 'endGesture' });
    expect(typed.past).toHaveLength(2);
    const once = run(typed, { type: 'undo' });
    expect(once.present.document.nodes[1]?.data).toMatchObject({ text: 'Hi', language: '' });
    expect(textOf(run(once, { type: 'undo' }))).toBe('');
  });

  it('commits an open gesture before a command without one', () => {
    const state = run(initial(), ...drag(3), { type: 'connect', source: 'start', sourceHandle: 'next', target: 's1' });
    expect(state.gesture).toBeNull();
    expect(state.past).toHaveLength(2);
  });

  it('records nothing for a gesture that ends where it began', () => {
    const back: Command = { type: 'moveNodes', positions: { s1: { x: 0, y: 200 } }, gesture: 'drag' };
    const state = run(initial(), ...drag(3), back, { type: 'endGesture' });
    expect(state.past).toHaveLength(0);
    expect(state.gesture).toBeNull();
  });

  it('commits an open gesture before undo, so undo reverts the whole gesture', () => {
    const undone = run(initial(), ...drag(5), { type: 'undo' });
    expect(undone.present.layout.s1).toEqual({ x: 0, y: 200 });
    expect(undone.gesture).toBeNull();
    expect(undone.future).toHaveLength(1);
  });
});

describe('what is not history', () => {
  it('never records a selection change nor bumps the version for it', () => {
    const state = run(initial(), { type: 'select', nodes: ['s1'], edges: [] }, { type: 'select', nodes: [], edges: [] });
    expect(state.past).toHaveLength(0);
    expect(state.version).toBe(0);
  });

  it.each([
    ['a move to the same place', { type: 'moveNodes', positions: { s1: { x: 0, y: 200 } } }],
    ['the same data', { type: 'updateNodeData', nodeId: 's1', data: { text: '' } }],
    ['a refused connection', { type: 'connect', source: 's1', sourceHandle: 'next', target: 'start' }],
    ['removing nothing', { type: 'removeElements', nodes: [], edges: [] }],
    ['undo with nothing to undo', { type: 'undo' }],
    ['redo with nothing to redo', { type: 'redo' }],
    ['duplicating an empty selection', { type: 'duplicateSelection' }],
  ] satisfies [string, Command][])('records nothing for %s', (_, command) => {
    const state = initial();
    expect(reduce(state, command)).toBe(state);
  });
});

describe('undo and redo', () => {
  it('walks back and forth, bumping the version each step', () => {
    const edited = run(initial(), ...type('text', 'A', 'a'), { type: 'endGesture' }, ...type('text', 'AB', 'b'), { type: 'endGesture' });
    const steps = [
      { command: { type: 'undo' }, text: 'A', past: 1, future: 1 },
      { command: { type: 'undo' }, text: '', past: 0, future: 2 },
      { command: { type: 'redo' }, text: 'A', past: 1, future: 1 },
      { command: { type: 'redo' }, text: 'AB', past: 2, future: 0 },
    ] satisfies { command: Command; text: string; past: number; future: number }[];
    let state = edited;
    for (const step of steps) {
      const next = reduce(state, step.command);
      expect([textOf(next), next.past.length, next.future.length, next.version]).toEqual([step.text, step.past, step.future, state.version + 1]);
      state = next;
    }
  });

  it('clears redo on a new edit but not on a selection change', () => {
    const undone = run(initial(), ...drag(2), { type: 'undo' });
    expect(run(undone, { type: 'select', nodes: ['s1'], edges: [] }).future).toHaveLength(1);
    expect(run(undone, { type: 'moveNodes', positions: { s1: { x: 7, y: 7 } } }).future).toHaveLength(0);
  });

  it('keeps the selection but drops ids that no longer exist', () => {
    const added = run(initial(), { type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 }, id: 'h1' });
    const selected = run(added, { type: 'select', nodes: ['s1', 'h1'], edges: [] });
    const undone = run(selected, { type: 'undo' });
    expect(undone.selection).toEqual({ nodes: ['s1'], edges: [] });
    expect(run(undone, { type: 'redo' }).selection).toEqual({ nodes: ['s1'], edges: [] });
  });

  it(`keeps at most ${HISTORY_LIMIT} entries, dropping the oldest`, () => {
    const moves = Array.from({ length: HISTORY_LIMIT + 50 }, (_, i): Command => ({ type: 'moveNodes', positions: { s1: { x: i + 1, y: 0 } } }));
    const edited = run(initial(), ...moves);
    expect(edited.past).toHaveLength(HISTORY_LIMIT);
    const rewound = run(edited, ...Array.from({ length: HISTORY_LIMIT + 10 }, (): Command => ({ type: 'undo' })));
    expect(rewound.present.layout.s1).toEqual({ x: 50, y: 0 });
    expect(rewound.future).toHaveLength(HISTORY_LIMIT);
  });
});
