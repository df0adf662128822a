import { canonicalVideoUrl, embedPlayerUrl } from '@wt/protocol';
import type { VideoFacts } from './page/interpret.js';
import type { ResolvedEntry } from './types.js';

/** TikTok's media URLs expect this Referer (tiktok-reference.md section 3). */
export const TIKTOK_REFERER = 'https://www.tiktok.com/';
const MAX_SAFETY_MARGIN_MS = 5 * 60_000;

export interface EntryContext {
  cookie: string;
  userAgent: string;
  extractedBy: 'page' | 'browser';
  now: number;
  cacheMaxAgeMs: number;
  mediaPathPrefix: string;
}

/**
 * A cache entry from extracted facts. It stays fresh until shortly before its media URL
 * expires (a tenth of the remaining life, at most five minutes, kept as a margin), and
 * never longer than `cacheMaxAgeMs`.
 */
export function toEntry(facts: VideoFacts, context: EntryContext): ResolvedEntry {
  const { now } = context;
  const expiresAt = facts.mediaExpiresAt ?? now + context.cacheMaxAgeMs;
  const margin = Math.min(MAX_SAFETY_MARGIN_MS, Math.max(0, (expiresAt - now) / 10));
  return {
    video: {
      id: facts.id,
      url: canonicalVideoUrl(facts.id, facts.uniqueId !== '' ? facts.uniqueId : '_'),
      title: facts.title,
      author: { uniqueId: facts.uniqueId, nickname: facts.nickname },
      thumbnailUrl: facts.thumbnailUrl,
      duration: facts.duration,
      width: facts.width,
      height: facts.height,
      mediaUrl: `${context.mediaPathPrefix}/${facts.id}.mp4`,
      embedUrl: embedPlayerUrl(facts.id),
    },
    media: {
      urls: facts.mediaUrls,
      cookie: context.cookie,
      userAgent: context.userAgent,
      referer: TIKTOK_REFERER,
      expiresAt,
    },
    extractedBy: context.extractedBy,
    freshUntil: Math.min(expiresAt - margin, now + context.cacheMaxAgeMs),
  };
}
