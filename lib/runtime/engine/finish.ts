import type { FlowSettings } from '@/lib/flow/settings';
import { NccoSchema, nccoJson, type Ncco, type NccoAction } from '@/lib/ncco';
import { HttpUrlSchema } from '@/lib/ncco/common';
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
 * text, that is checked, so a text found valid once is valid again. Only the continuation URLs minted for
 * this call (`minted`) differ between the answers of a menu or a Connect, by their token, so they are left out
 * of the text the shape is remembered by; each is checked on its own, as the schema would check it, instead.
 * Bounded: NCCOs with other per-call values (a caller's number read back) are simply checked again after it
 * is cleared.
 */
const validShapes = new Set<string>();
const MAX_VALID_SHAPES = 512;
// Where a minted URL was. JSON.stringify writes a NUL as an escape, so no NCCO text holds one itself.
const MINTED_URL = '\u0000';

/** The NCCO to serve, checked against Vonage's wire format. A failure here is a bug in a kind's rule or its URLs. */
export function finishNcco(actions: NccoAction[], settings: FlowSettings, trace: TraceStep[], minted: readonly string[] = []): Ncco {
  const ncco = actions.length > 0 ? dropDanglingBargeIn(actions, trace) : silentEnd(settings);
  const text = nccoJson(ncco);
  let shape = text;
  for (const url of minted) shape = shape.replaceAll(url, MINTED_URL);
  if (validShapes.has(shape) && minted.every((url) => HttpUrlSchema.safeParse(url).success)) return ncco;
  const parsed = NccoSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuntimeError('invalid_ncco', `The NCCO built for this call is not valid at ${issue.path.join('.')}: ${issue.message}`);
  }
  if (validShapes.size >= MAX_VALID_SHAPES) validShapes.clear();
  validShapes.add(shape);
  return ncco;
}
