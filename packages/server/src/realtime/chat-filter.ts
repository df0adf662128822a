/** Turns a chat text into what the room shows. */
export type ChatFilter = (text: string) => string;

const keep: ChatFilter = (text) => text;

/**
 * The configured words (`CHAT_FILTER_WORDS`), masked as whole words whatever their case:
 * "heck" masks "Heck!" but not "checker". Each masked character becomes one `*`.
 */
export function chatFilter(words: readonly string[]): ChatFilter {
  const listed = words.map((word) => word.trim()).filter((word) => word !== '');
  if (listed.length === 0) return keep;
  const escaped = listed
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return (text) => text.replace(pattern, (match) => '*'.repeat(Array.from(match).length));
}
