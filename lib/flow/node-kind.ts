import type { z } from 'zod';
import type { ResumeRules, RunRule } from '@/lib/runtime/engine/rule';
import type { Field } from './fields';
import type { LooseData } from './loose';

/** One output handle of a node: `id` is the edge's sourceHandle, `label` is shown on the canvas. */
export type OutputHandle = { id: string; label: string };

/** Palette groups, in the order the palette shows them. */
export const KIND_CATEGORIES = ['start', 'speak', 'gather', 'logic', 'connect', 'end', 'canvas'] as const;
export type KindCategory = (typeof KIND_CATEGORIES)[number];

/**
 * Everything Switchboard knows about one node kind, in one place: its data schema (strict: what a
 * publishable node must satisfy), defaults, outputs, the summary its canvas box shows and its
 * inspector fields, and how a call executes it (the runtime engine is a generic loop over `run`).
 */
export interface NodeKind<K extends string = string, S extends z.ZodObject = z.ZodObject> {
  readonly kind: K;
  readonly label: string;
  /**
   * The kind's icon as SVG path data on a 24×24 grid, drawn as 2px strokes (Lucide's style). Plain data, so
   * it lives with the kind and renders the same on every machine (emoji depend on installed fonts).
   */
  readonly icon: readonly string[];
  readonly category: KindCategory;
  /** One sentence for the palette tooltip. */
  readonly description: string;
  readonly schema: S;
  /** Fresh data for a new node (a function, because list items carry fresh ids). */
  readonly defaults: () => z.input<S>;
  /** Output handles, derived from the (possibly incomplete) draft data. */
  readonly outputs: (data: LooseData<S>) => OutputHandle[];
  /** The node's key setting in a few words (the spoken text, the menu keys, the number dialled). */
  readonly summary: (data: LooseData<S>) => string;
  readonly fields: readonly Field[];
  /** Whether edges may end at this node (false for Incoming call and Note). */
  readonly hasInput: boolean;
  /**
   * The caller acts here (keys, speech, talking to someone): a loop through such a node is a real menu
   * loop, while a loop without one would run forever (a lint error).
   */
  readonly interactive: boolean;
  /** What a call does here; absent for kinds a call never visits (Note). */
  readonly run?: RunRule<z.infer<S>>;
  /** How the node continues when Vonage reports back (an input result, a connect status). */
  readonly resume?: ResumeRules<z.infer<S>>;
}

/** Identity helper that keeps the literal kind and the schema's type for the registry. */
export function defineKind<K extends string, S extends z.ZodObject>(def: NodeKind<K, S>): NodeKind<K, S> {
  return def;
}

/** The single `next` output most action nodes have. */
export const NEXT: OutputHandle[] = [{ id: 'next', label: 'next' }];
