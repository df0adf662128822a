/** The first grapheme of a word: a whole emoji, flag or accented letter, never half of one. */
function firstGrapheme(word: string, segmenter: Intl.Segmenter): string {
  for (const { segment } of segmenter.segment(word)) return segment;
  return '';
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A person's initials for their avatar: the first grapheme of their first two words,
 * upper-cased ("Quirky Koala" -> "QK", "🦊 fox" -> "🦊F", "👩‍👩‍👧 Ana" -> "👩‍👩‍👧A"), or "?" for a blank name.
 */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/u)
    .filter((word) => word !== '')
    .slice(0, 2)
    .map((word) => firstGrapheme(word, segmenter).toLocaleUpperCase());
  return letters.join('') || '?';
}
