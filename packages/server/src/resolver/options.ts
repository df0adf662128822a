/** Settings of the resolver and the media proxy; `README.md` lists their env vars. */
export interface ResolverOptions {
  /** Tests and development only: send every TikTok request to this origin (design.md section 1). */
  tiktokOrigin?: string | undefined;
  /** Browser for the fallback. Absent: search PATH. `false`: page path only. */
  chromiumPath?: string | false | undefined;
  /** Entries in the resolve cache (LRU). */
  cacheSize?: number;
  /** Longest time an entry is served from the cache, even when its media URL lives longer. */
  cacheMaxAgeMs?: number;
  /** How long a definite failure (private, deleted, ...) is remembered. 0 disables it. */
  errorCacheMs?: number;
  /** Page extractions running at once. */
  concurrency?: number;
  /** Browser pages open at once. */
  browserConcurrency?: number;
  /** Jobs allowed to wait in the work queue before new ones are refused. */
  maxQueueLength?: number;
  /** Deadline of one page-path job (fetch, challenge, parse). */
  jobTimeoutMs?: number;
  /** Deadline of one browser job, counted once it has a browser (never while one launches). */
  browserTimeoutMs?: number;
  /** Longest a browser launch may take; jobs waiting for it then fail with TIMEOUT. */
  browserLaunchTimeoutMs?: number;
  /** User-Agent for every TikTok request (pages, CDN, browser). */
  userAgent?: string;
  /** Prefix of the same-origin media path handed out as `mediaUrl`. */
  mediaPathPrefix?: string;
}

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36';

export interface ResolvedOptions {
  tiktokOrigin: string | undefined;
  chromiumPath: string | false | undefined;
  cacheSize: number;
  cacheMaxAgeMs: number;
  errorCacheMs: number;
  concurrency: number;
  browserConcurrency: number;
  maxQueueLength: number;
  jobTimeoutMs: number;
  browserTimeoutMs: number;
  browserLaunchTimeoutMs: number;
  userAgent: string;
  mediaPathPrefix: string;
}

export const RESOLVER_DEFAULTS = {
  cacheSize: 2000,
  cacheMaxAgeMs: 3 * 60 * 60 * 1000,
  errorCacheMs: 30_000,
  concurrency: 32,
  browserConcurrency: 2,
  maxQueueLength: 1000,
  jobTimeoutMs: 15_000,
  browserTimeoutMs: 30_000,
  browserLaunchTimeoutMs: 30_000,
  mediaPathPrefix: '/media',
} as const;

export function withDefaults(options: ResolverOptions): ResolvedOptions {
  return {
    tiktokOrigin: options.tiktokOrigin,
    chromiumPath: options.chromiumPath,
    cacheSize: options.cacheSize ?? RESOLVER_DEFAULTS.cacheSize,
    cacheMaxAgeMs: options.cacheMaxAgeMs ?? RESOLVER_DEFAULTS.cacheMaxAgeMs,
    errorCacheMs: options.errorCacheMs ?? RESOLVER_DEFAULTS.errorCacheMs,
    concurrency: options.concurrency ?? RESOLVER_DEFAULTS.concurrency,
    browserConcurrency: options.browserConcurrency ?? RESOLVER_DEFAULTS.browserConcurrency,
    maxQueueLength: options.maxQueueLength ?? RESOLVER_DEFAULTS.maxQueueLength,
    jobTimeoutMs: options.jobTimeoutMs ?? RESOLVER_DEFAULTS.jobTimeoutMs,
    browserTimeoutMs: options.browserTimeoutMs ?? RESOLVER_DEFAULTS.browserTimeoutMs,
    browserLaunchTimeoutMs:
      options.browserLaunchTimeoutMs ?? RESOLVER_DEFAULTS.browserLaunchTimeoutMs,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    mediaPathPrefix: options.mediaPathPrefix ?? RESOLVER_DEFAULTS.mediaPathPrefix,
  };
}
