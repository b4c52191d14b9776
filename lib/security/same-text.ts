/**
 * Whether two texts are equal, in a time that depends on their length only: for signatures and hashes, whose
 * length is no secret. Where node:crypto's timingSafeEqual would need both copied into Buffers first, which on
 * the webhook hot path cost more than the comparison.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
