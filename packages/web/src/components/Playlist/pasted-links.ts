import { parseTikTokUrl, type VideoItem } from '@wt/protocol';
import { checkTikTokLink, type LinkCheck } from './validate-link';

/** Several links pasted at once: one per line, or separated by spaces or commas. */
export function splitLinks(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '');
}

/** What identifies a link's video: its id when the link carries one, else the link itself. */
export function videoKey(url: string): string | undefined {
  const parsed = parseTikTokUrl(url.trim());
  if (!parsed.ok) return undefined;
  return parsed.link.kind === 'short' ? parsed.link.url : `id:${parsed.link.id}`;
}

function itemKeys(item: VideoItem): string[] {
  const keys = [videoKey(item.url)];
  if (item.videoId !== undefined) keys.push(`id:${item.videoId}`);
  return keys.filter((key): key is string => key !== undefined);
}

export type PlannedLink = LinkCheck & {
  input: string;
  /** Already in the queue, or earlier in the same paste. */
  duplicate: boolean;
};

/** Each pasted link, checked, and flagged when its video is already queued (or pasted twice). */
export function planLinks(text: string, queue: readonly VideoItem[]): PlannedLink[] {
  const seen = new Set(queue.flatMap(itemKeys));
  return splitLinks(text).map((input) => {
    const check = checkTikTokLink(input);
    const key = check.ok ? videoKey(check.url) : undefined;
    const duplicate = key !== undefined && seen.has(key);
    if (key !== undefined) seen.add(key);
    return { ...check, input, duplicate };
  });
}
