import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Resolver } from '../resolver/index.js';
import type { RateLimiter } from '../resolver/rate-limit.js';
import { ByteCache } from './byte-cache.js';
import { createMediaMetrics } from './metrics.js';
import { MEDIA_DEFAULTS, type MediaOptions } from './options.js';
import { mediaRoutes } from './router.js';

export type { MediaOptions } from './options.js';
export { MEDIA_DEFAULTS } from './options.js';

export interface MediaRouter {
  /** Mount on the app: serves `GET {pathPrefix}/:id.mp4`. */
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
}

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
  const router = mediaRoutes(
    options.pathPrefix ?? MEDIA_DEFAULTS.pathPrefix,
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
  return {
    router,
    inspect: () => ({ cacheBytes: cache.size, files: cache.count }),
    async close() {
      shutdown.abort();
      await cache.close();
    },
  };
}
