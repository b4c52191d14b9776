'use client';

import { createContext, useContext, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import type { SimulatedCallView } from '@/lib/simulator/view';

/** How a node shows on the canvas during a test call: where the call is now, or a step it passed. */
export type CallMark = 'current' | 'passed';

type TestCallValue = {
  open: boolean;
  setOpen: (open: boolean) => void;
  /** The test call shown in the panel (running or just ended), or null. */
  call: SimulatedCallView | null;
  setCall: Dispatch<SetStateAction<SimulatedCallView | null>>;
  /** Saves pending edits, so a test of the draft runs what the editor shows. */
  flush: () => Promise<void>;
  marks: ReadonlyMap<string, CallMark>;
};

const TestCallContext = createContext<TestCallValue | null>(null);

/** The test call's state, shared by the top-bar button, the panel and the canvas. */
export function TestCallProvider({ flush, children }: { flush: () => Promise<void>; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [call, setCall] = useState<SimulatedCallView | null>(null);
  const marks = useMemo(() => {
    const found = new Map<string, CallMark>();
    if (!call || call.leftFlow) return found;
    for (const id of call.path) found.set(id, 'passed');
    if (call.currentNodeId) found.set(call.currentNodeId, 'current');
    return found;
  }, [call]);
  const value = useMemo(() => ({ open, setOpen, call, setCall, flush, marks }), [open, call, flush, marks]);
  return <TestCallContext.Provider value={value}>{children}</TestCallContext.Provider>;
}

export function useTestCall(): TestCallValue {
  const value = useContext(TestCallContext);
  if (!value) throw new Error('useTestCall must be used within TestCallProvider');
  return value;
}

/** How a node is lit by the test call; null outside one (and for viewers, who have no test calls). */
export function useCallMark(nodeId: string): CallMark | null {
  return useContext(TestCallContext)?.marks.get(nodeId) ?? null;
}
