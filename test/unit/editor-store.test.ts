import { describe, expect, it, vi } from 'vitest';
import { createEditorStore } from '@/lib/editor/store';
import { emptyDocument } from '@/lib/flow/document';

describe('createEditorStore', () => {
  it('applies commands and notifies subscribers only when the state changes', () => {
    const store = createEditorStore(emptyDocument());
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getState();

    store.dispatch({ type: 'moveNodes', positions: { start: { x: 0, y: 0 } } });
    expect(store.getState()).toBe(before);
    expect(listener).not.toHaveBeenCalled();

    store.dispatch({ type: 'addNode', kind: 'say', position: { x: 300, y: 0 }, id: 's1' });
    expect(store.getState().present.document.nodes.map((n) => n.id)).toEqual(['start', 's1']);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stops notifying after unsubscribe', () => {
    const store = createEditorStore(emptyDocument());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    unsubscribe();
    store.dispatch({ type: 'select', nodes: ['start'], edges: [] });
    expect(listener).not.toHaveBeenCalled();
    expect(store.getState().selection.nodes).toEqual(['start']);
  });

  it('keeps separate state per store', () => {
    const a = createEditorStore(emptyDocument());
    const b = createEditorStore(emptyDocument());
    a.dispatch({ type: 'addNode', kind: 'hangup', position: { x: 0, y: 0 }, id: 'h1' });
    expect(b.getState().present.document.nodes).toHaveLength(1);
  });
});
