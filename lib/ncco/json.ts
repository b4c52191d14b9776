import type { Ncco } from './schema';

const texts = new WeakMap<Ncco, string>();

/**
 * An NCCO as JSON text, serialised once however often it is written: an answer goes onto the call's row and
 * into the reply. NCCOs are never changed once built, so the text stays that of the NCCO.
 */
export function nccoJson(ncco: Ncco): string {
  let text = texts.get(ncco);
  if (text === undefined) {
    text = JSON.stringify(ncco);
    texts.set(ncco, text);
  }
  return text;
}
