import { describe, expect, it } from 'vitest';
import { emptyDocument, FlowDocumentSchema } from '@/lib/flow/document';

describe('flow document schema', () => {
  it('accepts an empty flow', () => {
    const { document } = emptyDocument();
    expect(FlowDocumentSchema.parse(document)).toEqual(document);
  });

  it('names the path of a dangling edge', () => {
    const { document } = emptyDocument();
    const bad = { ...document, edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'ghost' }] };
    const result = FlowDocumentSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['edges.0.target']);
  });
});
