import { AppError, ErrorCode } from '@wt/protocol';
import { CookieJar } from '../net/cookie-jar.js';
import type { UpstreamClient } from '../net/upstream.js';
import { fetchPage } from './fetch-page.js';
import { interpretItem, type VideoFacts } from './interpret.js';
import { pageDataFromHtml } from './page-data.js';
import { LOGIN_REQUIRED_MESSAGE, statusError } from './status.js';

export type ExtractOutcome =
  | { kind: 'ok'; facts: VideoFacts; cookie: string }
  /** The page had no data we can read: the browser may still get it. */
  | { kind: 'no-data'; reason: string };

/**
 * The fast path: one plain HTTP GET of the video page, then its embedded JSON.
 * Definite answers (private, deleted, photo post, ...) are thrown as `AppError`s.
 */
export async function extractFromPage(
  client: UpstreamClient,
  userAgent: string,
  id: string,
  pageUrl: string,
  signal: AbortSignal,
): Promise<ExtractOutcome> {
  const jar = new CookieJar();
  const page = await fetchPage(client, userAgent, new URL(pageUrl), jar, signal);
  if (page.kind === 'login') throw new AppError(ErrorCode.VIDEO_PRIVATE, LOGIN_REQUIRED_MESSAGE);
  if (page.kind === 'challenge') return { kind: 'no-data', reason: 'unsolved WAF challenge' };
  const data = pageDataFromHtml(page.html, id);
  if (data.kind === 'status') throw statusError(data.statusCode);
  if (data.kind === 'none') {
    return {
      kind: 'no-data',
      reason: page.html.length < 5_000 ? 'empty page shell' : 'no page data in the HTML',
    };
  }
  const facts = interpretItem(data.item, id, (url) => client.isAllowed(url));
  return { kind: 'ok', facts, cookie: jar.header() };
}
