import { describe, expect, it } from 'vitest';
import { createNodeDeriver } from '@/app/flows/[id]/_editor/flow-elements';
import { EMPTY_SELECTION } from '@/lib/editor/types';
import { FlowDocumentSchema, type FlowDocument } from '@/lib/flow/document';

const document = (text: string): FlowDocument =>
  FlowDocumentSchema.parse({
    schemaVersion: 1,
    settings: {},
    nodes: [
      { id: 'start', kind: 'start', data: {} },
      { id: 's1', kind: 'say', data: { text } },
    ],
    edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 's1' }],
  });
const layout = { start: { x: 0, y: 0 }, s1: { x: 300, y: 0 } };
const derive = (deriver: ReturnType<typeof createNodeDeriver>, doc: FlowDocument, selection = EMPTY_SELECTION) =>
  deriver(doc, layout, selection, new Map(), new Map());

describe('the canvas nodes derived from a document', () => {
  it('hands back the same array while no node changed', () => {
    const deriver = createNodeDeriver();
    const doc = document('Hello');
    const first = derive(deriver, doc);
    expect(derive(deriver, { ...doc })).toBe(first);
  });

  it('renews a node whose content changed, for a view that shows what it is given (a version viewed)', () => {
    const deriver = createNodeDeriver();
    const first = derive(deriver, document('Hello'));
    const second = derive(deriver, document('Goodbye'));
    expect(second).not.toBe(first);
    expect(second[1].data.node.data.text).toBe('Goodbye');
  });

  it('with live content, keeps every node when only content changed and renews one that moved place or selection', () => {
    const deriver = createNodeDeriver({ liveContent: true });
    const first = derive(deriver, document('Hello'));
    expect(derive(deriver, document('Goodbye'))).toBe(first);
    const selected = derive(deriver, document('Goodbye'), { nodes: ['s1'], edges: [] });
    expect(selected[0]).toBe(first[0]);
    expect(selected[1]).not.toBe(first[1]);
    expect(selected[1].selected).toBe(true);
  });
});
