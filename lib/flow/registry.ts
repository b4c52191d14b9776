import type { z } from 'zod';
import { branch } from './kinds/branch';
import { collect } from './kinds/collect';
import { conference } from './kinds/conference';
import { connect } from './kinds/connect';
import { goto } from './kinds/goto';
import { hangup } from './kinds/hangup';
import { hours } from './kinds/hours';
import { http } from './kinds/http';
import { menu } from './kinds/menu';
import { note } from './kinds/note';
import { notify } from './kinds/notify';
import { play } from './kinds/play';
import { record } from './kinds/record';
import { say } from './kinds/say';
import { set } from './kinds/set';
import { start } from './kinds/start';
import { wait } from './kinds/wait';
import type { NodeKind, OutputHandle } from './node-kind';

/**
 * The node-kind registry: the one place a kind is added. Order is the palette order within a category.
 */
export const nodeKinds = {
  start,
  say,
  play,
  menu,
  collect,
  branch,
  hours,
  set,
  http,
  connect,
  record,
  conference,
  notify,
  wait,
  goto,
  hangup,
  note,
} as const;

export type NodeKinds = typeof nodeKinds;
export type NodeKindId = keyof NodeKinds;
export const KIND_IDS = Object.keys(nodeKinds) as [NodeKindId, ...NodeKindId[]];

/** The strict data type of one kind. */
export type KindData<K extends NodeKindId> = z.infer<NodeKinds[K]['schema']>;

/** A node whose data passed its kind's schema: what the runtime executes. */
export type ValidNode = { [K in NodeKindId]: { id: string; kind: K; data: KindData<K> } }[NodeKindId];

/** Looks up a kind without narrowing, for code that works on any kind generically. */
export function kindOf(kind: NodeKindId): NodeKind {
  return nodeKinds[kind] as unknown as NodeKind;
}

export function isKindId(value: string): value is NodeKindId {
  return Object.hasOwn(nodeKinds, value);
}

/** The output handles of a draft node, derived from its (possibly incomplete) data. */
export function outputsOf(node: { kind: NodeKindId; data: Record<string, unknown> }): OutputHandle[] {
  // Draft data is typed loosely on purpose: outputs() accepts missing fields (see loose.ts).
  return kindOf(node.kind).outputs(node.data as never);
}

/** The key setting a draft node's box shows on the canvas. */
export function summaryOf(node: { kind: NodeKindId; data: Record<string, unknown> }): string {
  return kindOf(node.kind).summary(node.data as never);
}
