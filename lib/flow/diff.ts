import { deepEqual } from '@/lib/editor/equal';
import type { DraftNode, FlowDocument, FlowEdge } from './document';
import { fieldLocation, nodeName } from './lint/describe';
import { kindOf, outputsOf, type NodeKindId } from './registry';
import type { FlowSettings } from './settings';

export { nccoDiff, type NccoChange, type NccoLine } from './ncco-diff';

/** One changed value: a dot path into the node's data (`choices.2.key`), its inspector words, old → new. */
export type FieldChange = { path: string; label: string; before: unknown; after: unknown };

export type NodeRef = { id: string; kind: NodeKindId; name: string };
export type NodeChange = NodeRef & { changes: FieldChange[] };

/** An edge by what it connects; ids are left out, since re-drawing an edge gives it a new id but changes nothing. */
export type EdgeRef = { source: string; sourceHandle: string; target: string; label: string };

export type SettingChange = { key: keyof FlowSettings; label: string; before: unknown; after: unknown };

export type FlowDiff = {
  nodes: { added: NodeRef[]; removed: NodeRef[]; changed: NodeChange[] };
  edges: { added: EdgeRef[]; removed: EdgeRef[] };
  settings: SettingChange[];
};

/** The words the flow settings dialog uses. */
const SETTING_LABELS: Record<keyof FlowSettings, string> = {
  language: 'Voice language',
  style: 'Voice style',
  premium: 'Premium voices',
  apologyText: 'Apology',
};

/**
 * What publishing `after` over `before` changes in behaviour. Position-blind by construction (positions
 * live in the layout, not the document); node and edge order and edge ids do not count either.
 */
export function diffFlows(before: FlowDocument, after: FlowDocument): FlowDiff {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  // A node that changed kind under the same id is a different step: shown as removed and added.
  const same = (node: DraftNode, other: DraftNode | undefined): other is DraftNode => other !== undefined && other.kind === node.kind;
  const changed = after.nodes.flatMap((node): NodeChange[] => {
    const previous = old.get(node.id);
    if (!same(node, previous)) return [];
    const changes = dataChanges(previous.data, node.data, [], node.kind);
    return changes.length > 0 ? [{ ...refOf(node), changes }] : [];
  });
  return {
    nodes: {
      added: after.nodes.filter((node) => !same(node, old.get(node.id))).map(refOf),
      removed: before.nodes.filter((node) => !same(node, now.get(node.id))).map(refOf),
      changed,
    },
    edges: { added: edgesOnlyIn(after, before), removed: edgesOnlyIn(before, after) },
    settings: (Object.keys(SETTING_LABELS) as (keyof FlowSettings)[])
      .filter((key) => !deepEqual(before.settings[key], after.settings[key]))
      .map((key) => ({ key, label: SETTING_LABELS[key], before: before.settings[key], after: after.settings[key] })),
  };
}

export function isEmptyDiff(diff: FlowDiff): boolean {
  const { nodes, edges, settings } = diff;
  return nodes.added.length + nodes.removed.length + nodes.changed.length + edges.added.length + edges.removed.length + settings.length === 0;
}

function refOf(node: DraftNode): NodeRef {
  return { id: node.id, kind: node.kind, name: nodeName(node) };
}

const edgeKey = (edge: FlowEdge) => JSON.stringify([edge.source, edge.sourceHandle, edge.target]);

/** Edges of `doc` that `other` does not have, labelled with the words of `doc` (where they exist). */
function edgesOnlyIn(doc: FlowDocument, other: FlowDocument): EdgeRef[] {
  const keys = new Set(other.edges.map(edgeKey));
  const nodes = new Map(doc.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  return doc.edges.flatMap((edge): EdgeRef[] => {
    const key = edgeKey(edge);
    if (keys.has(key) || seen.has(key)) return [];
    seen.add(key);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const handle = (source && outputsOf(source).find((output) => output.id === edge.sourceHandle)?.label) || edge.sourceHandle;
    const label = `${source ? nodeName(source) : edge.source} · ${handle} → ${target ? nodeName(target) : edge.target}`;
    return [{ source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target, label }];
  });
}

type Path = (string | number)[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Item = Record<string, unknown> & { id: string };

/** Lists of items that carry ids (choices, conditions, endpoints…): their items are matched by id, not position. */
const isIdList = (value: unknown): value is Item[] =>
  Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.id === 'string');

function dataChanges(before: unknown, after: unknown, path: Path, kind: NodeKindId): FieldChange[] {
  if (deepEqual(before, after)) return [];
  const change = (at: Path, was: unknown, is: unknown, suffix = ''): FieldChange => ({
    path: at.join('.'),
    label: (fieldLocation(kindOf(kind).fields, at) ?? at.join('.')) + suffix,
    before: was,
    after: is,
  });
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => dataChanges(before[key], after[key], [...path, key], kind));
  }
  if (isIdList(before) && isIdList(after)) {
    const oldItems = new Map(before.map((item) => [item.id, item]));
    const newIds = new Set(after.map((item) => item.id));
    const changes = after.flatMap((item, i) => {
      const previous = oldItems.get(item.id);
      return previous ? dataChanges(previous, item, [...path, i], kind) : [change([...path, i], undefined, item)];
    });
    before.forEach((item, i) => {
      if (!newIds.has(item.id)) changes.push(change([...path, i], item, undefined));
    });
    // Order matters where the first match wins (branch conditions, connect endpoints) and in the canvas's handles.
    const kept = (list: Item[]) => list.map((item) => item.id).filter((id) => oldItems.has(id) && newIds.has(id));
    if (!deepEqual(kept(before), kept(after))) changes.push(change(path, before, after, ' (order)'));
    return changes;
  }
  return [change(path, before, after)];
}
