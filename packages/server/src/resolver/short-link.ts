import { AppError, ErrorCode, isTikTokHost, parseTikTokUrl } from '@wt/protocol';
import { discard } from './net/body.js';
import { tryUrl } from './net/hosts.js';
import { headerString, type UpstreamClient } from './net/upstream.js';
import { isLoginUrl, pageHeaders } from './page/fetch-page.js';

export interface LongLink {
  kind: 'video' | 'photo';
  id: string;
  canonicalUrl: string;
}

const MAX_HOPS = 5;

/**
 * Follows a short link (vm.tiktok.com/CODE, vt.tiktok.com/CODE, www.tiktok.com/t/CODE)
 * one redirect at a time. Every hop must stay on TikTok; the walk ends at the first
 * video or photo URL, and fails if it ends anywhere else or is still a short link.
 */
export async function followShortLink(
  client: UpstreamClient,
  userAgent: string,
  shortUrl: string,
  signal: AbortSignal,
): Promise<LongLink> {
  let url = new URL(shortUrl);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const response = await client.request(url, { headers: pageHeaders(userAgent, ''), signal });
    discard(response);
    const location = headerString(response.headers.location);
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new AppError(
        response.status >= 500 ? ErrorCode.UPSTREAM_ERROR : ErrorCode.VIDEO_UNAVAILABLE,
        response.status >= 500
          ? 'TikTok could not open this short link. Try again later.'
          : 'This short link does not lead to a video.',
      );
    }
    const next = tryUrl(location, url);
    if (!next || !isTikTokHost(next.hostname)) {
      throw new AppError(ErrorCode.NOT_TIKTOK, 'This short link leads outside TikTok.');
    }
    if (isLoginUrl(next)) {
      throw new AppError(ErrorCode.VIDEO_PRIVATE, 'This short link leads to a TikTok login page.');
    }
    const parsed = parseTikTokUrl(next.href);
    if (!parsed.ok) {
      throw new AppError(
        parsed.error.code === ErrorCode.NOT_TIKTOK
          ? ErrorCode.NOT_TIKTOK
          : ErrorCode.VIDEO_UNAVAILABLE,
        parsed.error.code === ErrorCode.NOT_TIKTOK
          ? 'This short link leads outside TikTok.'
          : 'This short link has expired or does not lead to a video.',
      );
    }
    if (parsed.link.kind !== 'short') return parsed.link;
    url = new URL(parsed.link.url);
  }
  throw new AppError(ErrorCode.UPSTREAM_ERROR, 'This short link redirects too many times.');
}
