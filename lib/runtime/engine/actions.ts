import { TEMPLATE } from '@/lib/flow/kinds/formats';
import type { NccoAction, StreamAction, TalkAction } from '@/lib/ncco';
import { STREAM_DEFAULTS, TALK_DEFAULTS, TALK_TEXT_LIMIT } from '@/lib/ncco';
import { isHttpUrl, spokenLength } from '@/lib/runtime/template';
import { RuntimeError } from './errors';
import type { RunContext } from './rule';

/**
 * Building blocks the kinds' rules share: actions built from node data, with every value that came from a
 * template checked again, because a variable can make valid node data produce an invalid NCCO.
 */

/** Fails the node because a filled-in value is not acceptable where it goes. */
export function templateInvalid(ctx: RunContext, message: string): RuntimeError {
  return new RuntimeError('template_invalid', message, ctx.nodeId);
}

/**
 * Leaves out unset fields and fields at Vonage's documented default, so an action shows only what differs
 * (Vonage behaves the same either way).
 */
export function withoutDefaults<A extends object>(action: A, defaults: Partial<Record<keyof A, unknown>>): A {
  // A loop rather than entries → filter → fromEntries: every answer builds several actions.
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(action) as (keyof A & string)[]) {
    const value = action[key];
    if (value !== undefined && defaults[key] !== value) kept[key] = value;
  }
  return kept as A;
}

type TalkOptions = { language?: string; style?: number; premium?: boolean; loop?: number; level?: number; bargeIn?: boolean };

/** A talk action speaking a rendered template; language, style and premium default to the flow's settings. */
export function talk(ctx: RunContext, template: string, options: TalkOptions = {}): TalkAction {
  const text = ctx.render(template, 'ssml');
  if (!text.trim()) throw templateInvalid(ctx, 'The text to say is empty once its {{variables}} are filled in');
  const length = spokenLength(text);
  if (length > TALK_TEXT_LIMIT) {
    throw templateInvalid(ctx, `The text to say is ${length} characters once its {{variables}} are filled in; Vonage speaks at most ${TALK_TEXT_LIMIT}`);
  }
  const { language, style, premium, ...rest } = options;
  const spoken: TalkAction = {
    action: 'talk',
    text,
    ...rest,
    style: style ?? ctx.settings.style,
    premium: premium ?? ctx.settings.premium,
  };
  const kept = withoutDefaults(spoken, TALK_DEFAULTS);
  // The language stays explicit even when it is Vonage's default: it is the flow's deliberate choice. Set on
  // the fresh object rather than spread into another: a spread followed by a new property is slow in V8.
  kept.language = language || ctx.settings.language;
  return kept;
}

export function stream(url: string, options: { loop?: number; level?: number; bargeIn?: boolean } = {}): StreamAction {
  return withoutDefaults({ action: 'stream', streamUrl: [url.trim()], ...options }, STREAM_DEFAULTS);
}

export type PromptData = { promptType: 'say' | 'play'; prompt: string; promptUrl: string };

/** The prompt before a Menu's or Collect's input; a key press cuts it short (the input follows at once). */
export function prompt(ctx: RunContext, data: PromptData): NccoAction {
  switch (data.promptType) {
    case 'say':
      return talk(ctx, data.prompt, { bargeIn: true });
    case 'play':
      return stream(data.promptUrl, { bargeIn: true });
  }
}

/** A URL rendered from a template ({{values}} URL-encoded), which must still be an absolute http(s) URL. */
export function renderUrl(ctx: RunContext, template: string, what: string): string {
  const url = ctx.render(template, 'url').trim();
  if (!isHttpUrl(url)) throw templateInvalid(ctx, `The ${what} is not a valid http(s) address once its {{variables}} are filled in`);
  return url;
}

/**
 * Whether template text is meant as JSON: it parses once each {{placeholder}} stands for a value (the same
 * test the Notify node's schema applies).
 */
export function isJsonTemplate(template: string): boolean {
  try {
    JSON.parse(template.replace(TEMPLATE, '0'));
    return true;
  } catch {
    return false;
  }
}

/** JSON text rendered with JSON-escaped values; a bare {{placeholder}} can still break it, so it is parsed again. */
export function renderJson(ctx: RunContext, template: string, what: string): { text: string; value: unknown } {
  const text = ctx.render(template, 'json');
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw templateInvalid(ctx, `The ${what} is not valid JSON once its {{variables}} are filled in (put {{placeholders}} inside quotes)`);
  }
}

export function renderJsonObject(ctx: RunContext, template: string, what: string): Record<string, unknown> {
  const { value } = renderJson(ctx, template, what);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw templateInvalid(ctx, `The ${what} must be a JSON object once its {{variables}} are filled in`);
  }
  return value as Record<string, unknown>;
}
