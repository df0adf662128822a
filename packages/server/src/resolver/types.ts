import type { VideoAuthor } from '@wt/protocol';

/** Where a resolve answer came from: the page's HTML, the headless browser, or the cache. */
export type ResolveSource = 'page' | 'browser' | 'cache';

/** The body of `GET /api/resolve` (design.md section 2). */
export interface ResolvedVideo {
  id: string;
  /** Canonical page URL. */
  url: string;
  title: string;
  author: VideoAuthor;
  thumbnailUrl: string | undefined;
  /** Seconds. */
  duration: number | undefined;
  width: number | undefined;
  height: number | undefined;
  /** Same-origin path a `<video>` plays (the media proxy). */
  mediaUrl: string;
  /** Official Embed Player URL, the fallback. */
  embedUrl: string;
  source: ResolveSource;
}

/**
 * What the media proxy needs to fetch the bytes: the CDN URLs (best first) and the
 * request context TikTok binds them to (the page's cookies and User-Agent).
 */
export interface MediaSource {
  urls: readonly string[];
  /** A `Cookie` header value: the cookies the page set. */
  cookie: string;
  userAgent: string;
  referer: string;
  /** Unix ms after which the CDN refuses these URLs. */
  expiresAt: number;
}

/** One cached resolve: the public answer plus the private media context. */
export interface ResolvedEntry {
  video: Omit<ResolvedVideo, 'source'>;
  media: MediaSource;
  /** Which extractor produced it. */
  extractedBy: 'page' | 'browser';
  /** Unix ms until which the entry may be served from the cache. */
  freshUntil: number;
}
