import { AppError, ErrorCode } from '@wt/protocol';
import { Router, type Response } from 'express';
import type { Logger } from 'pino';
import { sendError } from '../resolver/http-errors.js';
import type { RateLimiter } from '../resolver/rate-limit.js';
import type { Resolver } from '../resolver/index.js';
import type { ThumbnailCache } from './thumbnails.js';

/** A neutral 9:16 card with a play mark: what a cover that cannot be had looks like. */
export const PLACEHOLDER_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 160" width="90" height="160"><rect width="90" height="160" fill="#25252d"/><circle cx="45" cy="80" r="18" fill="none" stroke="#8a8a96" stroke-width="3"/><path d="M40 71v18l14-9z" fill="#8a8a96"/></svg>`;

function sendPlaceholder(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'image/svg+xml');
  // A placeholder may become a real cover once the video is resolved: keep it briefly.
  res.setHeader('Cache-Control', 'private, max-age=60');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.setHeader('X-Thumbnail', 'placeholder');
  res.end(PLACEHOLDER_SVG);
}

/**
 * `GET {prefix}/:id/thumbnail`: the video's cover from TikTok, through our origin and a
 * memory cache; a video without one (deleted, private, no cover) gets a placeholder image,
 * a name that is not a video id a 404 JSON. A cover neither cache knows may make the
 * resolver go to TikTok, so it spends the address's resolve budget like the media path.
 */
export function thumbnailRoutes(
  prefix: string,
  thumbnails: ThumbnailCache,
  resolver: Resolver,
  logger: Logger,
  budget?: RateLimiter,
): Router {
  const router = Router();
  router.get(`${prefix}/:id/thumbnail`, async (req, res) => {
    const id = /^\d{17,21}$/.exec(req.params.id)?.[0];
    if (!id) {
      sendError(res, { code: ErrorCode.NOT_FOUND, message: 'There is no such video here.' });
      return;
    }
    try {
      if (budget && !thumbnails.has(id) && !(await resolver.isCached(id))) {
        const wait = await budget.take(req.ip ?? 'unknown');
        if (wait > 0) {
          res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
          sendError(res, {
            code: ErrorCode.RATE_LIMITED,
            message: 'Too many videos at once. Wait a moment and try again.',
          });
          return;
        }
      }
      const image = await thumbnails.get(id);
      if (!image) {
        sendPlaceholder(res);
        return;
      }
      res.status(200);
      res.setHeader('Content-Type', image.type);
      res.setHeader('Content-Length', String(image.bytes.length));
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.end(image.bytes);
    } catch (error) {
      // TikTok does not have the video (deleted, private): its card shows the placeholder.
      if (error instanceof AppError) {
        sendPlaceholder(res);
        return;
      }
      logger.error({ err: error, id }, 'thumbnail route failed');
      sendError(res, { code: ErrorCode.INTERNAL, message: 'Something went wrong.' });
    }
  });
  return router;
}
