import { AppError, ErrorCode } from '@wt/protocol';
import { Router, type Request, type Response } from 'express';
import { sendError } from '../resolver/http-errors.js';
import type { RateLimiter } from '../resolver/rate-limit.js';
import type { ByteCache } from './byte-cache.js';
import type { CachedFile } from './cached-file.js';
import { download, type DownloadDeps } from './download.js';
import { parseRange } from './range.js';
import { sendChunks } from './send-bytes.js';
import { openMedia } from './upstream-media.js';

const CACHE_CONTROL = 'private, max-age=3600';

function clientSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    controller.abort();
  });
  return controller.signal;
}

/** The one cached file for `id`, its download started if it is new. */
function fileFor(id: string, cache: ByteCache, deps: DownloadDeps): CachedFile {
  const known = cache.get(id);
  if (known) return known;
  const file = cache.add(id);
  void download(file, deps);
  return file;
}

async function serveCached(
  req: Request,
  res: Response,
  file: CachedFile,
  deps: DownloadDeps,
): Promise<void> {
  const total = file.total ?? file.received;
  const range = parseRange(req.headers.range, total);
  if (range.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${total}`);
    sendError(res, {
      code: ErrorCode.RANGE_NOT_SATISFIABLE,
      message: 'That part of the video does not exist.',
    });
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : total - 1;
  res.status(range.kind === 'partial' ? 206 : 200);
  res.setHeader('Content-Type', 'video/mp4');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('Content-Length', String(end - start + 1));
  if (range.kind === 'partial') res.setHeader('Content-Range', `bytes ${start}-${end}/${total}`);
  if (req.method === 'HEAD' || total === 0) {
    res.end();
    return;
  }
  const signal = clientSignal(res);
  await sendChunks(res, file.read(start, end, signal), signal, deps.metrics, deps.logger);
}

/** A file too large to cache: the viewer's Range goes to the CDN, the answer comes back checked. */
async function servePassthrough(
  req: Request,
  res: Response,
  id: string,
  deps: DownloadDeps,
): Promise<void> {
  const header = req.headers.range;
  const range = header && /^bytes=\d*-\d*$/.test(header.trim()) ? header.trim() : undefined;
  const signal = clientSignal(res);
  const media = await openMedia(deps.resolver, id, range, signal, deps.logger);
  res.status(media.status);
  res.setHeader('Content-Type', 'video/mp4');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  if (media.contentLength !== undefined)
    res.setHeader('Content-Length', String(media.contentLength));
  if (media.contentRange) res.setHeader('Content-Range', media.contentRange);
  if (req.method === 'HEAD') {
    media.abort();
    res.end();
    return;
  }
  const counted = (async function* () {
    for await (const chunk of media.chunks) {
      deps.metrics.bytesUpstream.inc(chunk.length);
      yield chunk;
    }
  })();
  signal.addEventListener('abort', () => {
    media.abort();
  });
  await sendChunks(res, counted, signal, deps.metrics, deps.logger);
}

/**
 * Whether this request may make the resolver go to TikTok: a video neither cache knows is
 * resolved again from its id, and that spends the address's resolve budget.
 */
async function withinBudget(
  req: Request,
  res: Response,
  id: string,
  deps: DownloadDeps,
  budget: RateLimiter | undefined,
): Promise<boolean> {
  if (!budget || deps.cache.get(id) || (await deps.resolver.isCached(id))) return true;
  const wait = await budget.take(req.ip ?? 'unknown');
  if (wait === 0) return true;
  res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
  sendError(res, {
    code: ErrorCode.RATE_LIMITED,
    message: 'Too many videos at once. Wait a moment and try again.',
  });
  return false;
}

/**
 * `GET {prefix}/:id.mp4`: the video from the byte cache, fetched from TikTok once; a video
 * the resolver does not have cached is resolved again from its id (never a 404 for a video
 * TikTok has).
 */
export function mediaRoutes(
  prefix: string,
  cache: ByteCache,
  deps: DownloadDeps,
  budget?: RateLimiter,
): Router {
  const router = Router();
  router.get(`${prefix}/:file`, async (req, res) => {
    const id = /^(\d{17,21})\.mp4$/.exec(req.params.file)?.[1];
    if (!id) {
      sendError(res, { code: ErrorCode.NOT_FOUND, message: 'There is no such video here.' });
      return;
    }
    try {
      if (!(await withinBudget(req, res, id, deps, budget))) return;
      const file = fileFor(id, cache, deps);
      file.pin();
      try {
        await file.ready;
        if (file.state === 'failed') {
          sendError(
            res,
            (file.error ?? new AppError(ErrorCode.UPSTREAM_ERROR, 'The video failed.')).toJSON(),
          );
        } else if (file.state === 'passthrough') {
          await servePassthrough(req, res, id, deps);
        } else {
          await serveCached(req, res, file, deps);
        }
      } finally {
        file.unpin();
      }
    } catch (error) {
      if (error instanceof AppError) {
        sendError(res, error.toJSON());
        return;
      }
      deps.logger.error({ err: error, id }, 'media route failed');
      sendError(res, { code: ErrorCode.INTERNAL, message: 'Something went wrong.' });
    }
  });
  return router;
}
