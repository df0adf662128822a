import type { Router } from 'express';
import type { Registry } from 'prom-client';
import { createMediaRouter } from './media/index.js';
import type { Config } from './ops/config.js';
import type { Logger } from './ops/logger.js';
import type { VideoResolver } from './realtime/video-resolver.js';
import { createResolver, createResolveRouter, toResolveOutcome } from './resolver/index.js';

/** The resolver and media adapters, built from the settings. */
export interface VideoPipeline {
  /** What `add_video` uses: the same resolver as `GET /api/resolve`. */
  videoResolver: VideoResolver;
  routers: Router[];
  close(): Promise<void>;
}

export function createVideoPipeline(
  config: Config,
  logger: Logger,
  registry: Registry,
): VideoPipeline {
  const { resolveRatePerMinute, ...resolverOptions } = config.resolver;
  const resolver = createResolver(
    { ...resolverOptions, tiktokOrigin: config.tiktokOrigin },
    { logger, registry },
  );
  const media = createMediaRouter(
    resolver,
    {
      cacheBytes: config.media.cacheBytes,
      ...(config.media.cacheDir ? { cacheDir: config.media.cacheDir } : {}),
      ...(config.media.maxFileBytes ? { maxFileBytes: config.media.maxFileBytes } : {}),
    },
    { logger, registry },
  );
  return {
    videoResolver: { resolve: (url) => toResolveOutcome((link) => resolver.resolve(link), url) },
    routers: [createResolveRouter(resolver, { resolveRatePerMinute, logger }), media.router],
    async close() {
      await media.close();
      await resolver.close();
    },
  };
}
