import { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { DEFAULT_USER_AGENT, type Resolver } from '../resolver/index.js';
import type { RateLimiter } from '../resolver/rate-limit.js';
import { ByteCache } from './byte-cache.js';
import { createMediaMetrics } from './metrics.js';
import { MEDIA_DEFAULTS, type MediaOptions } from './options.js';
import { mediaRoutes } from './router.js';
import { thumbnailRoutes } from './thumbnail-route.js';
import { ThumbnailCache } from './thumbnails.js';

export type { MediaOptions } from './options.js';
export { MEDIA_DEFAULTS } from './options.js';

export interface MediaRouter {
  /** Mount on the app: serves `GET {pathPrefix}/:id.mp4` and `GET {pathPrefix}/:id/thumbnail`. */
  router: Router;
  /** What the byte cache holds (for tests, benchmarks and health). */
  inspect(): { cacheBytes: number; files: number };
  /** Stops downloads and frees the cache (disk files are deleted). */
  close(): Promise<void>;
}

export interface MediaDeps {
  logger: Logger;
  registry: Registry;
  /**
   * The per-address budget of `/api/resolve`: a request for a video neither the byte cache
   * nor the resolver's cache has makes the resolver go to TikTok, so it takes a token too.
   */
  resolveBudget?: RateLimiter;
  /** The User-Agent cover images are fetched with (the resolver's). */
  userAgent?: string;
}

/** Memory budget of the cover images (a TikTok cover is 10-40 KB). */
const THUMBNAIL_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The same-origin media path (design.md section 2): each video is downloaded from TikTok
 * once, with the page's cookies, and served to every viewer from the byte cache, Range
 * included.
 */
export function createMediaRouter(
  resolver: Resolver,
  options: MediaOptions,
  deps: MediaDeps,
): MediaRouter {
  const logger = deps.logger.child({ module: 'media' });
  const cacheBytes = options.cacheBytes;
  const cache = new ByteCache(cacheBytes, options.cacheDir, logger);
  const metrics = createMediaMetrics(deps.registry, () => ({
    bytes: cache.size,
    files: cache.count,
  }));
  const shutdown = new AbortController();
  const prefix = options.pathPrefix ?? MEDIA_DEFAULTS.pathPrefix;
  const thumbnails = new ThumbnailCache(
    resolver,
    { cacheBytes: THUMBNAIL_CACHE_BYTES, userAgent: deps.userAgent ?? DEFAULT_USER_AGENT },
    logger,
  );
  const router = Router();
  router.use(thumbnailRoutes(prefix, thumbnails, resolver, logger, deps.resolveBudget));
  const files = mediaRoutes(
    prefix,
    cache,
    {
      resolver,
      cache,
      metrics,
      logger,
      maxFileBytes: options.maxFileBytes ?? Math.floor(cacheBytes / 2),
      signal: shutdown.signal,
    },
    deps.resolveBudget,
  );
  router.use(files);
  return {
    router,
    inspect: () => ({ cacheBytes: cache.size, files: cache.count }),
    async close() {
      shutdown.abort();
      await cache.close();
    },
  };
}
