import type { z } from 'zod';
import type { ScenarioInput } from '@/lib/simulator/scenarios/scenario-schema';
import { createNode, SCHEMA_VERSION, type FlowDocument, type FlowLayout } from '../document';
import type { NodeKindId, NodeKinds } from '../registry';
import { FlowSettingsSchema, type FlowSettings } from '../settings';

export type TemplateContent = { document: FlowDocument; layout: FlowLayout };

/**
 * A ready-made flow offered in the New flow dialog. `build` returns fresh objects on every call. Its
 * `scenarios` (test calls with expectations) are added to every flow made from it, and show it works.
 */
export type Template = { id: string; name: string; description: string; build: () => TemplateContent; scenarios: readonly ScenarioInput[] };

/** One node of a template: its kind's defaults with `data` on top, placed at a grid cell. */
export type NodeSpec = {
  [K in NodeKindId]: { id: string; kind: K; at: readonly [column: number, row: number]; data?: Partial<z.input<NodeKinds[K]['schema']>> };
}[NodeKindId];

/** [source node id, output handle, target node id] */
export type Link = readonly [source: string, handle: string, target: string];

/** Grid spacing: a node box plus room for the edges and output labels between boxes. */
const COLUMN = 320;
const ROW = 170;

/**
 * Assembles a template from fixed node ids, so the same template always yields the same document (and
 * edge ids derive from them: `<source>--<handle>`). Keys set to undefined in `data` are dropped, which is
 * how a template turns off an optional default such as a recording's silence limit.
 */
export function buildFlow(nodes: readonly NodeSpec[], links: readonly Link[], settings: Partial<FlowSettings> = {}): TemplateContent {
  return {
    document: {
      schemaVersion: SCHEMA_VERSION,
      settings: FlowSettingsSchema.parse(settings),
      nodes: nodes.map((n) => ({
        id: n.id,
        kind: n.kind,
        data: Object.fromEntries(Object.entries({ ...createNode(n.kind, n.id).data, ...n.data }).filter(([, v]) => v !== undefined)),
      })),
      edges: links.map(([source, handle, target]) => ({ id: `${source}--${handle}`, source, sourceHandle: handle, target })),
    },
    layout: Object.fromEntries(nodes.map((n) => [n.id, { x: n.at[0] * COLUMN, y: n.at[1] * ROW }])),
  };
}

export const say = (id: string, at: NodeSpec['at'], text: string): NodeSpec => ({ id, kind: 'say', at, data: { text } });

export const hangUp = (id: string, at: NodeSpec['at']): NodeSpec => ({ id, kind: 'hangup', at });

/** A Connect to one phone number. */
export function dial(id: string, at: NodeSpec['at'], number: string, timeout = 30): NodeSpec {
  const endpoint = {
    id: 'phone',
    type: 'phone' as const,
    number,
    user: '',
    uri: '',
    extension: '',
    contentType: 'audio/l16;rate=16000',
    dtmfAnswer: '',
  };
  return { id, kind: 'connect', at, data: { endpoints: [endpoint], timeout } };
}

/**
 * A voicemail recording: a beep, then it ends when the caller presses #, after 120 s, or (unless
 * `endOnSilence` is null) after that many seconds of silence.
 */
export function voicemail(id: string, at: NodeSpec['at'], endOnSilence: number | null = 5): NodeSpec {
  return { id, kind: 'record', at, data: { beepStart: true, endOnKey: '#', endOnSilence: endOnSilence ?? undefined, timeOut: 120, format: 'mp3' } };
}
