'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Wire } from '@/lib/api/wire';
import type { FlowDiffReport } from '@/lib/publish/diff-report';

/** How a node shows on the canvas while a diff is on screen: new in the draft, or changed from the live version. */
export type DiffMark = 'added' | 'changed';

/** A node the draft removed, drawn where it was, as a ghost. */
export type DiffGhost = { id: string; kind: string; name: string; position: { x: number; y: number } };

export type ReleaseTab = 'publish' | 'history';

type ReleaseValue = {
  /** The open tab of the release panel, or null while it is closed. */
  tab: ReleaseTab | null;
  /** Numbers the publish tab checks on opening, besides the flow's own (from `?publish=`). */
  requested: string[];
  open: (tab: ReleaseTab, numbers?: string[]) => void;
  close: () => void;
  /** The diff drawn on the canvas (the publish tab's), or null. */
  diff: Wire<FlowDiffReport> | null;
  showDiff: (diff: Wire<FlowDiffReport> | null) => void;
};

const ReleaseContext = createContext<ReleaseValue | null>(null);

/** Publishing and version history: which panel tab is open, and the diff the canvas colours. */
export function ReleaseProvider({ initialPublish, children }: { initialPublish: string | null; children: ReactNode }) {
  const [tab, setTab] = useState<ReleaseTab | null>(initialPublish ? 'publish' : null);
  const [requested, setRequested] = useState<string[]>(initialPublish ? [initialPublish] : []);
  const [diff, showDiff] = useState<Wire<FlowDiffReport> | null>(null);
  const open = useCallback((next: ReleaseTab, numbers: string[] = []) => {
    setRequested(numbers);
    setTab(next);
  }, []);
  const close = useCallback(() => {
    setTab(null);
    showDiff(null);
  }, []);
  const value = useMemo(() => ({ tab, requested, open, close, diff, showDiff }), [tab, requested, open, close, diff]);
  return <ReleaseContext.Provider value={value}>{children}</ReleaseContext.Provider>;
}

export function useRelease(): ReleaseValue {
  const value = useContext(ReleaseContext);
  if (!value) throw new Error('useRelease must be used within ReleaseProvider');
  return value;
}

/** How the diff on screen marks a node; null without a diff (or outside the editor, e.g. a version viewer). */
export function useDiffMark(nodeId: string): DiffMark | null {
  const diff = useContext(DiffMarksContext) ?? null;
  return diff?.get(nodeId) ?? null;
}

/** The marks of a diff, by node id, for a canvas to colour its nodes with. */
export function diffMarks(diff: Wire<FlowDiffReport> | null): ReadonlyMap<string, DiffMark> {
  const marks = new Map<string, DiffMark>();
  if (!diff) return marks;
  for (const node of diff.diff.nodes.added) marks.set(node.id, 'added');
  for (const node of diff.diff.nodes.changed) marks.set(node.id, 'changed');
  return marks;
}

/** The removed nodes of a diff, placed where they were on its `from` side. */
export function diffGhosts(diff: Wire<FlowDiffReport> | null): DiffGhost[] {
  if (!diff) return [];
  return diff.diff.nodes.removed.flatMap((node) => {
    const position = diff.removedLayout[node.id];
    return position ? [{ id: node.id, kind: node.kind, name: node.name, position }] : [];
  });
}

/** Marks for the canvas below: the editor's canvas gets the publish diff, a version viewer its own. */
export const DiffMarksContext = createContext<ReadonlyMap<string, DiffMark> | null>(null);

/** Provides the marks of the release panel's diff to the editor's canvas. */
export function ReleaseDiffMarks({ children }: { children: ReactNode }) {
  const { diff } = useRelease();
  const marks = useMemo(() => diffMarks(diff), [diff]);
  return <DiffMarksContext.Provider value={marks}>{children}</DiffMarksContext.Provider>;
}
