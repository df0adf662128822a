import { AppError, ErrorCode, Limits } from '@wt/protocol';
import { Router } from 'express';
import type { Logger } from 'pino';
import { sendError } from './http-errors.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import type { Resolver } from './index.js';

export interface ResolveRouterOptions {
  /** `/api/resolve` requests one client IP may make per minute. */
  resolveRatePerMinute: number;
  logger: Logger;
  /** A budget shared with other routes (the media path's re-resolves); default: its own. */
  limiter?: RateLimiter;
}

/** `GET /api/resolve?url=` (design.md section 2), rate limited per client IP. */
export function createResolveRouter(resolver: Resolver, options: ResolveRouterOptions): Router {
  const router = Router();
  const limiter = options.limiter ?? createRateLimiter(options.resolveRatePerMinute);
  router.get('/api/resolve', async (req, res) => {
    const wait = await limiter.take(req.ip ?? 'unknown');
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      sendError(res, {
        code: ErrorCode.RATE_LIMITED,
        message: 'Too many links at once. Wait a moment and try again.',
      });
      return;
    }
    const url = req.query.url;
    if (typeof url !== 'string' || url.trim() === '' || url.length > Limits.urlMaxLength) {
      sendError(res, { code: ErrorCode.INVALID_URL, message: 'Add a TikTok link as ?url=.' });
      return;
    }
    try {
      const video = await resolver.resolve(url);
      res.setHeader('Cache-Control', 'no-store');
      res.json(video);
    } catch (error) {
      if (error instanceof AppError) {
        sendError(res, error.toJSON());
        return;
      }
      options.logger.error({ err: error }, 'resolve route failed');
      sendError(res, { code: ErrorCode.INTERNAL, message: 'Something went wrong.' });
    }
  });
  return router;
}
