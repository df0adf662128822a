import { performance } from 'node:perf_hooks';
import { AppError, canonicalVideoUrl, ErrorCode, parseTikTokUrl } from '@wt/protocol';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BrowserPool } from './browser/pool.js';
import { extractWithBrowser } from './browser/extract.js';
import type { SharedFlight } from './cache/shared-flight.js';
import type { CachedResolve, VideoCache } from './cache/video-cache.js';
import { toEntry } from './entry.js';
import { createResolverMetrics, type ResolverMetrics } from './metrics.js';
import type { UpstreamClient } from './net/upstream.js';
import type { ResolvedOptions } from './options.js';
import { PHOTO_POST_MESSAGE } from './page/interpret.js';
import { extractFromPage, type ExtractOutcome } from './page/page-extractor.js';
import { isDefinite } from './page/status.js';
import { followShortLink, type LongLink } from './short-link.js';
import { SingleFlight } from './single-flight.js';
import type { MediaSource, ResolvedEntry, ResolvedVideo } from './types.js';
import { WorkQueue } from './work-queue.js';

const SHORT_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** A media URL this close to its expiry is renewed before use. */
const MEDIA_RENEW_MARGIN_MS = 30_000;
/** The browser is closed after this long without work; it relaunches on demand. */
const BROWSER_IDLE_CLOSE_MS = 10 * 60_000;

export interface ResolverParts {
  options: ResolvedOptions;
  upstream: UpstreamClient;
  /** Chromium for the fallback; undefined: page path only. */
  executablePath: string | undefined;
  logger: Logger;
  registry: Registry;
  now: () => number;
  /** Resolved videos and definite failures, by id (memory, or shared through Redis). */
  cache: VideoCache;
  /** At most one fetch of a video at a time across processes (a no-op in one process). */
  sharedFlight: SharedFlight;
}

/** Turns anything thrown into the typed error a client sees (unexpected ones are logged). */
function toAppError(error: unknown, logger: Logger): AppError {
  if (error instanceof AppError) return error;
  logger.error({ err: error }, 'unexpected resolver failure');
  return new AppError(ErrorCode.UPSTREAM_ERROR, 'The video could not be loaded. Try again.');
}

/**
 * The resolver: canonical link -> cache -> single flight -> work queue -> page extractor,
 * and the browser only when the page had no data. See README.md.
 */
export class TikTokResolver {
  private readonly cache: VideoCache;
  private readonly shortLinks: LRUCache<string, LongLink>;
  private readonly flights = new SingleFlight<string, ResolvedEntry>();
  private readonly shortFlights = new SingleFlight<string, LongLink>();
  private readonly pageQueue: WorkQueue;
  private readonly browserQueue: WorkQueue;
  private readonly metrics: ResolverMetrics;
  private readonly pool: BrowserPool | undefined;
  readonly upstream: UpstreamClient;

  constructor(private readonly parts: ResolverParts) {
    const { options } = parts;
    this.upstream = parts.upstream;
    this.cache = parts.cache;
    this.shortLinks = new LRUCache({
      max: options.cacheSize,
      ttl: SHORT_LINK_TTL_MS,
      ttlResolution: 0,
      perf: { now: parts.now },
    });
    this.pageQueue = new WorkQueue({
      concurrency: options.concurrency,
      timeoutMs: options.jobTimeoutMs,
      maxWaiting: options.maxQueueLength,
      timeoutMessage: 'TikTok took too long to answer. Try again in a moment.',
    });
    this.browserQueue = new WorkQueue({
      concurrency: options.browserConcurrency,
      timeoutMs: options.browserTimeoutMs,
      maxWaiting: options.maxQueueLength,
      timeoutMessage: 'TikTok took too long to show this video. Try again in a moment.',
    });
    this.metrics = createResolverMetrics(parts.registry, () => this.queueLength);
    this.pool = parts.executablePath
      ? new BrowserPool({
          executablePath: parts.executablePath,
          userAgent: options.userAgent,
          logger: parts.logger,
          idleCloseMs: BROWSER_IDLE_CLOSE_MS,
          launchTimeoutMs: options.browserLaunchTimeoutMs,
          onRestart: (reason) => {
            this.metrics.browserRestarts.inc({ reason });
          },
        })
      : undefined;
  }

  get queueLength(): number {
    return this.pageQueue.length + this.browserQueue.length;
  }

  get cachedEntries(): number {
    return this.cache.localEntries;
  }

  get browserPool(): BrowserPool | undefined {
    return this.pool;
  }

  async resolve(input: string): Promise<ResolvedVideo> {
    const started = performance.now();
    try {
      const link = await this.longLink(input);
      if (link.kind === 'photo') {
        throw new AppError(ErrorCode.NOT_A_VIDEO, PHOTO_POST_MESSAGE);
      }
      const { entry, source } = await this.lookup(link.id, link.canonicalUrl, undefined);
      this.metrics.resolveDuration.observe({ source }, (performance.now() - started) / 1000);
      return { ...entry.video, source };
    } catch (error) {
      const failure = toAppError(error, this.parts.logger);
      this.metrics.resolveErrors.inc({ code: failure.code });
      this.parts.logger.debug({ input, code: failure.code }, 'resolve failed');
      throw failure;
    }
  }

  /**
   * The media context of a video: from the cache, renewed first when its URL is about to
   * expire or `refresh` is asked (after the CDN refused it), and resolved from the video's
   * canonical page when the cache does not have it (after a restart, an eviction, or on
   * another process). Throws the resolve's `AppError` for an id TikTok does not know.
   */
  async mediaSource(id: string, refresh = false): Promise<MediaSource> {
    try {
      const known = await this.readCache(id);
      if (known?.kind === 'failure') throw new AppError(known.error.code, known.error.message);
      if (!known) {
        const { entry } = await this.lookup(id, canonicalVideoUrl(id), undefined);
        return entry.media;
      }
      const { media, video } = known.entry;
      if (!refresh && media.expiresAt - MEDIA_RENEW_MARGIN_MS > this.parts.now()) return media;
      const { entry } = await this.lookup(id, video.url, known.entry);
      return entry.media;
    } catch (error) {
      throw toAppError(error, this.parts.logger);
    }
  }

  /**
   * The cover image URL of a video (TikTok's CDN; signed, so it expires with the entry):
   * from a fresh cache entry, else resolved again from its canonical page. Undefined when
   * TikTok gave none; throws the resolve's `AppError` for an id TikTok does not have.
   */
  async thumbnailUrl(id: string): Promise<string | undefined> {
    try {
      const known = await this.readCache(id);
      if (known?.kind === 'failure') throw new AppError(known.error.code, known.error.message);
      if (known && known.entry.freshUntil > this.parts.now()) return known.entry.video.thumbnailUrl;
      const { entry } = await this.lookup(
        id,
        known?.entry.video.url ?? canonicalVideoUrl(id),
        undefined,
      );
      return entry.video.thumbnailUrl;
    } catch (error) {
      throw toAppError(error, this.parts.logger);
    }
  }

  /** Whether the cache can answer for `id` without going to TikTok. */
  async isCached(id: string): Promise<boolean> {
    return (await this.readCache(id)) !== undefined;
  }

  private async longLink(input: string): Promise<LongLink> {
    const parsed = parseTikTokUrl(input);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
    if (parsed.link.kind !== 'short') return parsed.link;
    const key = parsed.link.url;
    const known = this.shortLinks.get(key);
    if (known) return known;
    const { promise } = this.shortFlights.run(key, () =>
      this.pageQueue.run((signal) => {
        this.metrics.upstreamFetches.inc({ extractor: 'short_link' });
        return followShortLink(this.upstream, this.parts.options.userAgent, key, signal);
      }),
    );
    const link = await promise;
    this.shortLinks.set(key, link);
    return link;
  }

  /**
   * The cached answer for `id`, or a fetch (one per id in this process, and one across
   * processes). `replacing`: the entry being renewed, which the cache must not answer with.
   */
  private async lookup(
    id: string,
    pageUrl: string,
    replacing: ResolvedEntry | undefined,
  ): Promise<{ entry: ResolvedEntry; source: ResolvedVideo['source'] }> {
    const usable = (entry: ResolvedEntry): boolean =>
      entry.freshUntil > this.parts.now() &&
      (replacing === undefined || entry.media.urls.join() !== replacing.media.urls.join());
    if (!replacing) {
      const hit = await this.fromCache(id, usable);
      if (hit) {
        this.metrics.cacheHits.inc();
        return { entry: hit, source: 'cache' };
      }
    }
    this.metrics.cacheMisses.inc();
    const { promise } = this.flights.run(id, () =>
      this.parts.sharedFlight.run(
        id,
        () => this.extract(id, pageUrl),
        () => this.fromCache(id, usable),
      ),
    );
    const entry = await promise;
    return { entry, source: entry.extractedBy };
  }

  /** A usable cached entry; a cached failure is thrown; undefined when there is neither. */
  private async fromCache(
    id: string,
    usable: (entry: ResolvedEntry) => boolean,
  ): Promise<ResolvedEntry | undefined> {
    const cached = await this.readCache(id);
    if (cached?.kind === 'failure') throw new AppError(cached.error.code, cached.error.message);
    return cached && usable(cached.entry) ? cached.entry : undefined;
  }

  /** The cache's value; a cache that cannot answer (Redis down) is logged and is a miss. */
  private async readCache(id: string): Promise<CachedResolve | undefined> {
    try {
      return await this.cache.get(id);
    } catch (error) {
      this.parts.logger.warn({ err: error, id }, 'resolver cache read failed: treated as a miss');
      return undefined;
    }
  }

  private async writeCache(id: string, value: CachedResolve, expiresAt: number): Promise<void> {
    try {
      await this.cache.set(id, value, expiresAt);
    } catch (error) {
      this.parts.logger.warn({ err: error, id }, 'resolver cache write failed');
    }
  }

  private async extract(id: string, pageUrl: string): Promise<ResolvedEntry> {
    const { options, logger } = this.parts;
    try {
      let outcome: ExtractOutcome = await this.pageQueue.run((signal) => {
        this.metrics.upstreamFetches.inc({ extractor: 'page' });
        return extractFromPage(this.upstream, options.userAgent, id, pageUrl, signal);
      });
      let extractedBy: 'page' | 'browser' = 'page';
      if (outcome.kind === 'no-data') {
        logger.info({ id, reason: outcome.reason }, 'page had no video data: trying the browser');
        outcome = await this.extractWithBrowser(id, pageUrl, outcome.reason);
        extractedBy = 'browser';
      }
      if (outcome.kind === 'no-data') {
        throw new AppError(
          ErrorCode.UPSTREAM_ERROR,
          'TikTok did not show this video’s data. Try again later.',
        );
      }
      const entry = toEntry(outcome.facts, {
        cookie: outcome.cookie,
        userAgent: options.userAgent,
        extractedBy,
        now: this.parts.now(),
        cacheMaxAgeMs: options.cacheMaxAgeMs,
        mediaPathPrefix: options.mediaPathPrefix,
      });
      await this.writeCache(id, { kind: 'video', entry }, entry.media.expiresAt);
      return entry;
    } catch (error) {
      const failure = toAppError(error, logger);
      if (isDefinite(failure.code) && options.errorCacheMs > 0) {
        await this.writeCache(
          id,
          { kind: 'failure', error: failure.toJSON() },
          this.parts.now() + options.errorCacheMs,
        );
      } else if (!isDefinite(failure.code)) {
        logger.warn({ id, code: failure.code, err: error }, 'resolve failed upstream');
      }
      throw failure;
    }
  }

  private extractWithBrowser(id: string, pageUrl: string, why: string): Promise<ExtractOutcome> {
    const pool = this.pool;
    if (!pool) {
      return Promise.reject(
        new AppError(
          ErrorCode.UPSTREAM_ERROR,
          `TikTok’s page could not be read (${why}) and no browser is available. Try again later.`,
        ),
      );
    }
    const { logger } = this.parts;
    // The deadline runs only while the job has a browser: launching one is the pool's cost.
    return this.browserQueue.run(async (signal, deadline) => {
      this.metrics.upstreamFetches.inc({ extractor: 'browser' });
      try {
        return await extractWithBrowser(pool, this.upstream, logger, id, pageUrl, deadline);
      } catch (error) {
        // A launch failure (a BrowserLaunchError) is an AppError too: its deadline was spent.
        if (error instanceof AppError || signal.aborted) throw error;
        // Most often the browser died under the job: once more on a fresh one.
        logger.warn({ err: error, id }, 'browser job failed: retrying once');
        return extractWithBrowser(pool, this.upstream, logger, id, pageUrl, deadline);
      }
    });
  }

  async close(): Promise<void> {
    this.pageQueue.clear();
    this.browserQueue.clear();
    await this.pool?.close();
    await this.upstream.close();
  }
}
