import { AppError, ErrorCode } from '@wt/protocol';
import type { CookieJar } from '../net/cookie-jar.js';
import { discard, readText } from '../net/body.js';
import { tryUrl } from '../net/hosts.js';
import { headerString, type UpstreamClient } from '../net/upstream.js';
import { isWafChallenge, solveWafChallenge } from './waf.js';

export type PageResult =
  | { kind: 'html'; html: string; url: URL }
  | { kind: 'login' }
  /** A WAF challenge we could not pass over plain HTTP. */
  | { kind: 'challenge' };

const MAX_HOPS = 5;
const MAX_PAGE_BYTES = 8 * 1024 * 1024;

export function isLoginUrl(url: URL): boolean {
  return /^\/login(?:\/|$)/.test(url.pathname);
}

export function pageHeaders(userAgent: string, cookie: string): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'en-US,en;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
    ...(cookie !== '' ? { cookie } : {}),
  };
}

/**
 * GETs a video page like a browser would: redirects followed by hand (each hop checked),
 * cookies kept in `jar`, a WAF challenge answered once.
 */
export async function fetchPage(
  client: UpstreamClient,
  userAgent: string,
  start: URL,
  jar: CookieJar,
  signal: AbortSignal,
): Promise<PageResult> {
  let url = start;
  let solvedChallenge = false;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const response = await client.request(url, {
      headers: pageHeaders(userAgent, jar.header()),
      signal,
    });
    jar.store(response.headers['set-cookie']);
    const location = headerString(response.headers.location);
    if (response.status >= 300 && response.status < 400 && location) {
      discard(response);
      const next = tryUrl(location, url);
      if (!next) throw new AppError(ErrorCode.UPSTREAM_ERROR, 'TikTok sent a broken redirect.');
      if (isLoginUrl(next)) return { kind: 'login' };
      if (!client.isAllowed(next)) {
        throw new AppError(ErrorCode.NOT_TIKTOK, 'TikTok redirected somewhere outside TikTok.');
      }
      url = next;
      continue;
    }
    if (response.status === 404 || response.status === 410) {
      discard(response);
      throw new AppError(ErrorCode.VIDEO_UNAVAILABLE, 'This video is unavailable.');
    }
    if (response.status === 429) {
      discard(response);
      throw new AppError(
        ErrorCode.UPSTREAM_ERROR,
        'TikTok is limiting requests from this server. Try again in a minute.',
      );
    }
    if (response.status !== 200) {
      discard(response);
      throw new AppError(
        ErrorCode.UPSTREAM_ERROR,
        `TikTok answered with an error (HTTP ${response.status}). Try again later.`,
      );
    }
    const html = await readText(response, MAX_PAGE_BYTES);
    if (!isWafChallenge(html)) return { kind: 'html', html, url };
    if (solvedChallenge) return { kind: 'challenge' };
    const answer = solveWafChallenge(html);
    if (!answer) return { kind: 'challenge' };
    for (const [name, value] of answer) jar.set(name, value);
    solvedChallenge = true;
  }
  throw new AppError(ErrorCode.UPSTREAM_ERROR, 'TikTok redirected too many times.');
}
