import type { FlowSettings } from '@/lib/flow/settings';
import { NccoSchema, nccoJson, type Ncco, type NccoAction } from '@/lib/ncco';
import { RuntimeError } from './errors';
import type { TraceStep } from './trace';

/**
 * The NCCO for a run that produced no action (a Hang up, or an unconnected output, right away): Vonage
 * refuses an empty NCCO, and a moment of silence ends the call just as well.
 */
export function silentEnd(settings: FlowSettings): Ncco {
  return [{ action: 'talk', text: '<speak><break time="100ms"/></speak>', language: settings.language }];
}

/** What the caller hears when the flow cannot go on (a RuntimeError); the call then ends. */
export function apologyNcco(settings: FlowSettings): Ncco {
  return [{ action: 'talk', text: settings.apologyText, language: settings.language }];
}

/**
 * A talk or stream with bargeIn must be followed by an input before any other action (reference.md §0.6).
 * When the flow does not lead to one (the linter warns about it), the setting could not do anything anyway,
 * so it is switched off rather than failing the call.
 */
function dropDanglingBargeIn(actions: NccoAction[], trace: TraceStep[]): NccoAction[] {
  const result = [...actions];
  let pending: number[] = [];
  const drop = () => {
    for (const i of pending) {
      const { bargeIn: _dropped, ...rest } = result[i] as NccoAction & { bargeIn?: boolean };
      result[i] = rest as NccoAction;
      trace.push({ type: 'note', nodeId: null, message: `Action ${i + 1} (${result[i].action}) had bargeIn but no input follows it, so bargeIn was turned off` });
    }
    pending = [];
  };
  result.forEach((action, i) => {
    if (action.action === 'input') pending = [];
    else if (action.action === 'talk' || action.action === 'stream') {
      if (action.bargeIn === true) pending.push(i);
    } else drop();
  });
  drop();
  return result;
}

/**
 * NCCO shapes already found valid. Most lines answer every call with the same NCCO (a greeting, a menu), and
 * the schema check was a tenth of an answer's CPU on the webhook thread; it is what Vonage receives, the
 * text, that is checked, so a text found valid once is valid again. The continuation URLs minted for a call
 * (an input's or a Connect's eventUrl) end in a token of its own, which made a menu's text new on every call:
 * the shape leaves out each minted URL's last segment when it is made of URL-safe characters only, since
 * any such segment after the same valid address is a valid address too. Bounded: NCCOs with other per-call
 * values (a caller's number read back) are simply checked again after it is cleared.
 */
const validShapes = new Set<string>();
const MAX_VALID_SHAPES = 512;
// RFC 3986's unreserved characters: a path segment of these never changes whether a URL parses, or its origin.
const URL_SAFE_SEGMENT = /^[A-Za-z0-9._~-]+$/;
// Where a minted token was. JSON.stringify writes a NUL as an escape, so no NCCO text holds one itself.
const MINTED_TOKEN = '\u0000';

/** The text an NCCO's validity is remembered by: its text, without the tokens minted for this call. */
function shapeOf(text: string, minted: readonly string[]): string {
  let shape = text;
  for (const url of minted) {
    // A segment of the path only: the one after `scheme://` is the host, which decides validity and origin.
    const path = url.indexOf('/', url.indexOf('//') + 2);
    const slash = url.lastIndexOf('/');
    if (path !== -1 && slash >= path && URL_SAFE_SEGMENT.test(url.slice(slash + 1))) shape = shape.replaceAll(url, url.slice(0, slash + 1) + MINTED_TOKEN);
  }
  return shape;
}

/** The NCCO to serve, checked against Vonage's wire format. A failure here is a bug in a kind's rule. */
export function finishNcco(actions: NccoAction[], settings: FlowSettings, trace: TraceStep[], minted: readonly string[] = []): Ncco {
  const ncco = actions.length > 0 ? dropDanglingBargeIn(actions, trace) : silentEnd(settings);
  const text = nccoJson(ncco);
  const shape = shapeOf(text, minted);
  if (validShapes.has(shape)) return ncco;
  const parsed = NccoSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuntimeError('invalid_ncco', `The NCCO built for this call is not valid at ${issue.path.join('.')}: ${issue.message}`);
  }
  if (validShapes.size >= MAX_VALID_SHAPES) validShapes.clear();
  validShapes.add(shape);
  return ncco;
}
