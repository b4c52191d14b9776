/**
 * Whether a flow name matches a search query: case-insensitive substring, with accents and case folded
 * the way people expect ("cafe" finds "Café"). Shared by the API and the list page's instant filter.
 */
export function matchesQuery(name: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(name).includes(q);
}

function fold(text: string): string {
  // Only the combining accents Latin, Greek and Cyrillic use: other scripts' marks change the letter.
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLocaleLowerCase();
}
