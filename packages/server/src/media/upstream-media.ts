import { AppError, ErrorCode } from '@wt/protocol';
import type { Logger } from 'pino';
import type { MediaSource, Resolver } from '../resolver/index.js';
import { abandon, discard } from '../resolver/net/body.js';
import { tryUrl } from '../resolver/net/hosts.js';
import { headerString, type UpstreamResponse } from '../resolver/net/upstream.js';
import { isHtmlContentType, startsLikeMp4 } from './mp4.js';

const MAX_REDIRECTS = 3;

/** A CDN answer that passed the checks: bytes of an MP4, the head already read. */
export interface OpenedMedia {
  status: 200 | 206;
  /** Size of the whole file, when the CDN said. */
  total: number | undefined;
  contentRange: string | undefined;
  contentLength: number | undefined;
  /** The body, starting with the bytes read for the check. */
  chunks: AsyncGenerator<Buffer>;
  abort(): void;
}

type Attempt =
  { kind: 'ok'; media: OpenedMedia } | { kind: 'forbidden' } | { kind: 'failed'; reason: string };

function mediaHeaders(source: MediaSource, range: string | undefined): Record<string, string> {
  return {
    'user-agent': source.userAgent,
    referer: source.referer,
    accept: '*/*',
    'accept-encoding': 'identity',
    ...(source.cookie !== '' ? { cookie: source.cookie } : {}),
    ...(range ? { range } : {}),
  };
}

function totalOf(response: UpstreamResponse): number | undefined {
  const range = headerString(response.headers['content-range']);
  const fromRange = range ? /\/(\d+)\s*$/.exec(range)?.[1] : undefined;
  if (fromRange) return Number(fromRange);
  const length = headerString(response.headers['content-length']);
  return response.status === 200 && length && /^\d+$/.test(length) ? Number(length) : undefined;
}

async function* chunksOf(head: Buffer, rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    const value: unknown = next.value;
    if (Buffer.isBuffer(value)) yield value;
  }
}

/** Reads the first bytes and checks they are an MP4 (only when the answer starts at 0). */
async function checked(response: UpstreamResponse, fromStart: boolean): Promise<Attempt> {
  const contentType = headerString(response.headers['content-type']);
  if (isHtmlContentType(contentType)) {
    discard(response);
    return { kind: 'failed', reason: `HTML instead of video (${response.status})` };
  }
  const iterator: AsyncIterator<unknown> = response.body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (fromStart && head.length < 8) {
    const next = await iterator.next();
    if (next.done === true) break;
    const value: unknown = next.value;
    if (Buffer.isBuffer(value)) head = Buffer.concat([head, value]);
  }
  if (fromStart && !startsLikeMp4(head)) {
    abandon(response.body);
    return { kind: 'failed', reason: 'the answer is not an MP4' };
  }
  const length = headerString(response.headers['content-length']);
  return {
    kind: 'ok',
    media: {
      status: response.status === 206 ? 206 : 200,
      total: totalOf(response),
      contentRange: headerString(response.headers['content-range']),
      contentLength: length && /^\d+$/.test(length) ? Number(length) : undefined,
      chunks: chunksOf(head, iterator),
      abort: () => {
        abandon(response.body);
      },
    },
  };
}

async function attempt(
  resolver: Resolver,
  url: string,
  source: MediaSource,
  range: string | undefined,
  signal: AbortSignal,
): Promise<Attempt> {
  let target = tryUrl(url);
  for (let hop = 0; target && hop <= MAX_REDIRECTS; hop++) {
    const response = await resolver.upstream.request(target, {
      headers: mediaHeaders(source, range),
      signal,
    });
    const location = headerString(response.headers.location);
    if (response.status >= 300 && response.status < 400 && location) {
      discard(response);
      target = tryUrl(location, target);
      continue;
    }
    if (response.status === 401 || response.status === 403 || response.status === 410) {
      discard(response);
      return { kind: 'forbidden' };
    }
    if (response.status === 416) {
      discard(response);
      throw new AppError(ErrorCode.RANGE_NOT_SATISFIABLE, 'That part of the video does not exist.');
    }
    if (response.status !== 200 && response.status !== 206) {
      discard(response);
      return { kind: 'failed', reason: `HTTP ${response.status}` };
    }
    const fromStart = range === undefined || /^bytes=0-/.test(range);
    return checked(response, fromStart);
  }
  return { kind: 'failed', reason: 'bad or too many redirects' };
}

/**
 * Opens the video on TikTok's CDN with the page's cookies, Referer and User-Agent:
 * mirrors tried in order; on a 403 (or an expired URL) the video is resolved again,
 * once, and tried again with the new URL and cookies.
 */
export async function openMedia(
  resolver: Resolver,
  id: string,
  range: string | undefined,
  signal: AbortSignal,
  logger: Logger,
): Promise<OpenedMedia> {
  let source = await resolver.mediaSource(id);
  for (let round = 0; round < 2; round++) {
    let forbidden = false;
    for (const url of source.urls) {
      let result: Attempt;
      try {
        result = await attempt(resolver, url, source, range, signal);
      } catch (error) {
        if (
          signal.aborted ||
          (error instanceof AppError && error.code === ErrorCode.RANGE_NOT_SATISFIABLE)
        ) {
          throw error;
        }
        logger.warn({ id, err: error }, 'TikTok CDN request failed');
        continue;
      }
      if (result.kind === 'ok') return result.media;
      if (result.kind === 'forbidden') forbidden = true;
      else logger.warn({ id, reason: result.reason }, 'TikTok CDN answer refused');
    }
    if (round > 0 || !forbidden) break;
    logger.info({ id }, 'TikTok CDN refused the media URL: resolving the video again');
    source = await resolver.mediaSource(id, true);
  }
  throw new AppError(ErrorCode.UPSTREAM_ERROR, 'TikTok did not send the video. Try again later.');
}
