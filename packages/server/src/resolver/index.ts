import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { findChromium } from './browser/find-chromium.js';
import { MemoryVideoCache } from './cache/memory-video-cache.js';
import { RedisLock } from './cache/redis-lock.js';
import { RedisVideoCache } from './cache/redis-video-cache.js';
import { localFlight, RedisSharedFlight } from './cache/shared-flight.js';
import { UpstreamClient } from './net/upstream.js';
import { withDefaults, type ResolverOptions } from './options.js';
import { TikTokResolver } from './resolver.js';
import type { MediaSource, ResolvedVideo } from './types.js';

export type { ResolverOptions } from './options.js';
export { DEFAULT_USER_AGENT, RESOLVER_DEFAULTS } from './options.js';
export type { MediaSource, ResolvedVideo, ResolveSource } from './types.js';
export { createResolveRouter, type ResolveRouterOptions } from './router.js';
export { sendError, statusForCode } from './http-errors.js';
export { toResolveOutcome } from './outcome.js';
export type { UpstreamClient, UpstreamResponse } from './net/upstream.js';

/** What the rest of the server uses: resolve a pasted link; media context for the proxy. */
export interface Resolver {
  /** Resolves a pasted TikTok link; throws `AppError` with a design.md section 2 code. */
  resolve(url: string): Promise<ResolvedVideo>;
  /**
   * The media context of a video (renewed when it is about to expire, or when `refresh` is
   * true because the CDN refused it; resolved from its canonical page when the cache does
   * not know it). Throws `AppError` when TikTok does not have it.
   */
  mediaSource(id: string, refresh?: boolean): Promise<MediaSource>;
  /**
   * The cover image URL of a video (from the cache, or resolved again from its id);
   * undefined when TikTok gave none. Throws `AppError` when TikTok does not have it.
   */
  thumbnailUrl(id: string): Promise<string | undefined>;
  /** Whether the cache answers for this id (a video or a remembered failure). */
  isCached(id: string): Promise<boolean>;
  /** The SSRF-safe client every TikTok request goes through (the media proxy uses it too). */
  readonly upstream: UpstreamClient;
  /** For tests, benchmarks and health: current numbers. */
  inspect(): ResolverInspection;
  /** Resident memory of the headless browser and its helpers, in bytes (0 when none runs). */
  browserMemoryBytes(): Promise<number>;
  close(): Promise<void>;
}

export interface ResolverInspection {
  cacheEntries: number;
  queueLength: number;
  browserAvailable: boolean;
  browserLaunches: number;
  browserPid: number | undefined;
  /** Browser contexts open now (one per running browser job; 0 at rest). */
  browserContexts: number;
}

export interface ResolverDeps {
  logger: Logger;
  registry: Registry;
  /** Clock (ms), for tests. */
  now?: () => number;
  /** Share the cache and single flight with other processes through Redis; absent: memory. */
  shared?: SharedResolverOptions;
}

export interface SharedResolverOptions {
  redis: Redis;
  /** Prefix of every key the resolver writes (`{prefix}resolver:video:ID`, `...:lock:ID`). */
  keyPrefix: string;
  /** Life of a fetch lock, renewed while its holder works (default 10 s). */
  lockMs?: number;
  /** How often a process waiting for another's fetch looks for the result (default 100 ms). */
  pollMs?: number;
}

const DEFAULT_LOCK_MS = 10_000;
const DEFAULT_POLL_MS = 100;

export function createResolver(options: ResolverOptions, deps: ResolverDeps): Resolver {
  const resolved = withDefaults(options);
  const logger = deps.logger.child({ module: 'resolver' });
  const upstream = new UpstreamClient({
    tiktokOrigin: resolved.tiktokOrigin,
    headersTimeoutMs: resolved.jobTimeoutMs,
  });
  const executablePath =
    resolved.chromiumPath === false ? undefined : findChromium(resolved.chromiumPath);
  if (resolved.chromiumPath !== false && !executablePath) {
    logger.warn(
      { chromiumPath: resolved.chromiumPath },
      'no Chromium found: the resolver works from page data only',
    );
  }
  const now = deps.now ?? Date.now;
  const shared = deps.shared;
  const resolver = new TikTokResolver({
    options: resolved,
    upstream,
    executablePath,
    logger,
    registry: deps.registry,
    now,
    cache: shared
      ? new RedisVideoCache(shared.redis, shared.keyPrefix, now, logger)
      : new MemoryVideoCache(resolved.cacheSize, now),
    sharedFlight: shared
      ? new RedisSharedFlight({
          lock: new RedisLock(shared.redis, shared.lockMs ?? DEFAULT_LOCK_MS, logger),
          keyPrefix: shared.keyPrefix,
          pollMs: shared.pollMs ?? DEFAULT_POLL_MS,
          // The longest another process's fetch can take, page then browser, with its launch.
          waitMs:
            resolved.jobTimeoutMs +
            resolved.browserLaunchTimeoutMs +
            resolved.browserTimeoutMs +
            (shared.lockMs ?? DEFAULT_LOCK_MS),
          logger,
        })
      : localFlight,
  });
  const pool = resolver.browserPool;
  return {
    resolve: (url) => resolver.resolve(url),
    mediaSource: (id, refresh) => resolver.mediaSource(id, refresh ?? false),
    thumbnailUrl: (id) => resolver.thumbnailUrl(id),
    isCached: (id) => resolver.isCached(id),
    upstream,
    inspect: () => ({
      cacheEntries: resolver.cachedEntries,
      queueLength: resolver.queueLength,
      browserAvailable: pool !== undefined,
      browserLaunches: pool?.launches ?? 0,
      browserPid: pool?.pid,
      browserContexts: pool?.openContexts ?? 0,
    }),
    browserMemoryBytes: () => pool?.memoryBytes() ?? Promise.resolve(0),
    close: () => resolver.close(),
  };
}
