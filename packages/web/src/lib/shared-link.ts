import { parseTikTokUrl } from '@wt/protocol';

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/gi;

/** Trailing punctuation a sentence puts after a link ("watch this: https://….!"). */
const trimTrail = (candidate: string): string => candidate.replace(/[.,;:!?)\]}]+$/, '');

/**
 * The TikTok video link in what another app shared (Web Share Target: `url`, `text`,
 * `title`; apps put the link in any of them, often inside a sentence), or undefined.
 */
export function sharedTikTokLink(params: URLSearchParams): string | undefined {
  for (const field of ['url', 'text', 'title']) {
    const value = params.get(field);
    if (value === null) continue;
    for (const match of value.matchAll(URL_IN_TEXT)) {
      const candidate = trimTrail(match[0]);
      const parsed = parseTikTokUrl(candidate);
      if (parsed.ok && parsed.link.kind !== 'photo') return candidate;
    }
  }
  return undefined;
}
