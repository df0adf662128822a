import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { createMediaRouter } from './media/index.js';
import { parseTikTokUrl } from '@wt/protocol';
import type { Config } from './ops/config.js';
import type { Logger } from './ops/logger.js';
import type { VideoResolver } from './realtime/video-resolver.js';
import { createResolver, createResolveRouter, toResolveOutcome } from './resolver/index.js';
import { createRateLimiter } from './resolver/rate-limit.js';

/** The resolver and media adapters, built from the settings. */
export interface VideoPipeline {
  /** What `add_video` uses: the same resolver as `GET /api/resolve`. */
  videoResolver: VideoResolver;
  /**
   * Spends one TikTok fetch of `address` from the budget `/api/resolve` spends too: 0 when
   * allowed (or when `url` names a video already cached, which costs no fetch), else the ms
   * until the budget has one again.
   */
  fetchBudget(address: string, url?: string): Promise<number>;
  routers: Router[];
  close(): Promise<void>;
}

export interface VideoPipelineOptions {
  /** Share the resolver cache and its single flight through this Redis; absent: memory. */
  redis?: Redis;
  /** Prefix of the resolver's Redis keys (default `wt:`). */
  keyPrefix?: string;
  /** Life of a cross-process fetch lock in ms (tests shorten it). */
  lockMs?: number;
}

export function createVideoPipeline(
  config: Config,
  logger: Logger,
  registry: Registry,
  options: VideoPipelineOptions = {},
): VideoPipeline {
  const { resolveRatePerMinute, ...resolverOptions } = config.resolver;
  const { redis, keyPrefix = 'wt:', lockMs } = options;
  const resolver = createResolver(
    { ...resolverOptions, tiktokOrigin: config.tiktokOrigin },
    {
      logger,
      registry,
      ...(redis ? { shared: { redis, keyPrefix, ...(lockMs ? { lockMs } : {}) } } : {}),
    },
  );
  // One per-address budget for `/api/resolve` and the media path's re-resolves, shared by
  // every process when there is a Redis.
  const resolveBudget = createRateLimiter(
    resolveRatePerMinute,
    redis ? { redis, keyPrefix: `${keyPrefix}resolve-budget:` } : undefined,
  );
  const media = createMediaRouter(
    resolver,
    {
      cacheBytes: config.media.cacheBytes,
      ...(config.media.cacheDir ? { cacheDir: config.media.cacheDir } : {}),
      ...(config.media.maxFileBytes ? { maxFileBytes: config.media.maxFileBytes } : {}),
    },
    {
      logger,
      registry,
      resolveBudget,
      ...(resolverOptions.userAgent !== undefined ? { userAgent: resolverOptions.userAgent } : {}),
    },
  );
  return {
    videoResolver: { resolve: (url) => toResolveOutcome((link) => resolver.resolve(link), url) },
    async fetchBudget(address, url) {
      const parsed = url === undefined ? undefined : parseTikTokUrl(url);
      // Not a TikTok link: refused before anything is fetched, so it costs nothing.
      if (parsed && !parsed.ok) return 0;
      if (parsed?.ok && parsed.link.kind !== 'short' && (await resolver.isCached(parsed.link.id)))
        return 0;
      return resolveBudget.take(address);
    },
    routers: [
      createResolveRouter(resolver, { resolveRatePerMinute, logger, limiter: resolveBudget }),
      media.router,
    ],
    async close() {
      await media.close();
      await resolver.close();
    },
  };
}
