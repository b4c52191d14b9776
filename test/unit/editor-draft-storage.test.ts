import { describe, expect, it } from 'vitest';
import { draftKey, parseDraft, reconcileDraft, serializeDraft, type Draft } from '@/lib/editor/draft-storage';
import type { Snapshot } from '@/lib/editor/types';
import { emptyDocument } from '@/lib/flow/document';

const server: Snapshot = emptyDocument();
const edited: Snapshot = { ...server, layout: { start: { x: 50, y: 50 } } };

const draft = (baseRevision: number, snapshot: Snapshot): Draft => ({
  flowId: 'f1',
  baseRevision,
  name: 'Support line',
  snapshot,
  savedAt: '2025-03-01T10:00:00.000Z',
});

describe('draft storage', () => {
  it('keys drafts by flow', () => {
    expect(draftKey('f1')).not.toBe(draftKey('f2'));
    expect(draftKey('f1')).toContain('f1');
  });

  it('reads back what it wrote', () => {
    expect(parseDraft(serializeDraft(draft(3, edited)))).toEqual(draft(3, edited));
  });

  it.each([
    ['truncated JSON', serializeDraft(draft(3, edited)).slice(0, 40)],
    ['an empty string', ''],
    ['a missing revision', JSON.stringify({ ...draft(3, edited), baseRevision: undefined })],
    ['a broken snapshot', JSON.stringify({ ...draft(3, edited), snapshot: { document: {}, layout: {} } })],
    ['a bad timestamp', JSON.stringify({ ...draft(3, edited), savedAt: 'yesterday' })],
  ])('is null for %s', (_, text) => {
    expect(parseDraft(text)).toBeNull();
  });

  it.each([
    ['no draft', null, 5, { action: 'useServer' }],
    ['a draft equal to the server', draft(5, server), 5, { action: 'useServer' }],
    ['an older draft equal to the server', draft(4, server), 5, { action: 'useServer' }],
    ['edits on the current revision', draft(5, edited), 5, { action: 'restore', snapshot: edited }],
    ['edits on an older revision', draft(4, edited), 5, { action: 'conflict', local: draft(4, edited) }],
    ['a draft from a revision the server does not have', draft(6, edited), 5, { action: 'useServer' }],
  ])('decides for %s', (_, local, revision, decision) => {
    expect(reconcileDraft(local, { revision, snapshot: server })).toEqual(decision);
  });
});
