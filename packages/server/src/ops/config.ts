import path from 'node:path';
import { z } from 'zod';
import type { ResolverOptions } from '../resolver/index.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = z.url();

/**
 * Every setting the server reads, from the environment, validated at start-up.
 * The README lists them; a bad value stops the server with a clear message.
 */
const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  ROOM_IDLE_SECONDS: positiveInt.default(30 * 60),
  ROOM_CLEANUP_INTERVAL_SECONDS: positiveInt.default(30 * 60),
  MAX_ROOMS: positiveInt.default(10_000),
  SOCKET_EVENTS_PER_SECOND: positiveInt.default(20),
  SOCKET_EVENTS_BURST: positiveInt.default(40),
  ADDRESS_EVENTS_PER_SECOND: positiveInt.default(200),
  MAX_CONNECTIONS_PER_IP: positiveInt.default(50),
  FLOOD_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  ROOMS_PER_IP_PER_MINUTE: positiveInt.default(10),
  MAX_ROOM_MEMBERS: positiveInt.default(500),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  FORCE_HTTPS: bool.default(false),
  CHAT_FILTER_WORDS: z.string().optional(),
  SHUTDOWN_GRACE_SECONDS: positiveInt.default(10),
  SYNC_BUFFER_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  DELTA_BATCH_MS: z.coerce.number().int().min(1).max(5000).optional(),
  RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  MAX_UNSENT_KB: z.coerce
    .number()
    .int()
    .min(16)
    .max(1024 * 1024)
    .default(1024),
  TIKTOK_ORIGIN: url.optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  RESOLVER_CACHE_SIZE: positiveInt.optional(),
  RESOLVER_CACHE_MAX_AGE_SECONDS: positiveInt.optional(),
  RESOLVER_ERROR_CACHE_SECONDS: z.coerce.number().int().min(0).optional(),
  RESOLVER_CONCURRENCY: positiveInt.optional(),
  RESOLVER_BROWSER_CONCURRENCY: positiveInt.optional(),
  RESOLVER_MAX_QUEUE: positiveInt.optional(),
  RESOLVE_TIMEOUT_MS: positiveInt.optional(),
  BROWSER_TIMEOUT_MS: positiveInt.optional(),
  BROWSER_LAUNCH_TIMEOUT_MS: positiveInt.optional(),
  RESOLVER_USER_AGENT: z.string().min(1).optional(),
  RESOLVE_RATE_PER_MINUTE: positiveInt.default(30),
  MEDIA_CACHE_MB: positiveInt.default(256),
  MEDIA_CACHE_DIR: z.string().min(1).optional(),
  MEDIA_MAX_FILE_MB: positiveInt.optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SNAPSHOT_INTERVAL_SECONDS: positiveInt.default(5),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('wt:'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  corsOrigins: string[];
  trustProxy: boolean;
  roomIdleMs: number;
  roomCleanupIntervalMs: number;
  maxRooms: number;
  socketEventsPerSecond: number;
  socketEventsBurst: number;
  /** Events per second of one address over all its connections (and processes, with Redis). */
  addressEventsPerSecond: number;
  /** Open connections one address may hold (over every process, with Redis). */
  maxConnectionsPerIp: number;
  /** After one of its connections was disconnected for flooding, an address connects again only after this long. */
  floodCooldownSeconds: number;
  /** New rooms one address may create per minute (shared through Redis when it is set). */
  roomsPerIpPerMinute: number;
  maxRoomMembers: number;
  /** `/metrics` answers only with this bearer token; unset: `/metrics` is off. */
  metricsToken: string | undefined;
  /** Behind TLS (with TRUST_PROXY): redirect plain HTTP to HTTPS and send HSTS. */
  forceHttps: boolean;
  /** Words masked in chat (comma-separated in `CHAT_FILTER_WORDS`). */
  chatFilterWords: string[];
  shutdownGraceMs: number;
  /** The longest a scheduled start waits for members still buffering. */
  syncBufferWaitMs: number;
  /** A big room's changes within this long travel together (undefined: `DELTA_BATCH_MS`'s default). */
  deltaBatchMs: number | undefined;
  /** How long a dropped connection keeps its place and its missed events. */
  reconnectGraceMs: number;
  /** A connection whose unsent data passes this is dropped (realtime/backpressure.ts). */
  maxUnsentBytes: number;
  tiktokOrigin: string | undefined;
  /** The resolver's options (its README lists them); unset ones take the resolver's defaults. */
  resolver: ResolverOptions & { resolveRatePerMinute: number };
  media: { cacheBytes: number; cacheDir: string | undefined; maxFileBytes: number | undefined };
  /** Signs session tokens; unset: generated once and kept in `dataDir`. */
  sessionSecret: string | undefined;
  /** Opens the operator view at `/admin` to this bearer token; unset: no operator view. */
  adminToken: string | undefined;
  /** Where the process keeps what must outlive it (session secret, room snapshot); absolute. */
  dataDir: string;
  /** How often the in-memory rooms are written to `dataDir` when something changed. */
  snapshotIntervalMs: number;
  /** Rooms and events shared through this Redis; unset: everything in this process. */
  redis: { url: string; keyPrefix: string } | undefined;
}

const MB = 1024 * 1024;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the settings; throws a `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid settings:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (e.FORCE_HTTPS && !e.TRUST_PROXY) {
    // Node itself never speaks TLS here: only a proxy's X-Forwarded-Proto says HTTPS.
    throw new ConfigError(
      'Invalid settings:\n  FORCE_HTTPS: needs TRUST_PROXY=true (TLS ends at the proxy)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS
      ? e.CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
    trustProxy: e.TRUST_PROXY,
    roomIdleMs: e.ROOM_IDLE_SECONDS * 1000,
    roomCleanupIntervalMs: e.ROOM_CLEANUP_INTERVAL_SECONDS * 1000,
    maxRooms: e.MAX_ROOMS,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    socketEventsBurst: e.SOCKET_EVENTS_BURST,
    addressEventsPerSecond: e.ADDRESS_EVENTS_PER_SECOND,
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    floodCooldownSeconds: e.FLOOD_COOLDOWN_SECONDS,
    roomsPerIpPerMinute: e.ROOMS_PER_IP_PER_MINUTE,
    maxRoomMembers: e.MAX_ROOM_MEMBERS,
    metricsToken: e.METRICS_TOKEN,
    forceHttps: e.FORCE_HTTPS,
    chatFilterWords: (e.CHAT_FILTER_WORDS ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean),
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    syncBufferWaitMs: e.SYNC_BUFFER_WAIT_MS,
    deltaBatchMs: e.DELTA_BATCH_MS,
    reconnectGraceMs: e.RECONNECT_GRACE_SECONDS * 1000,
    maxUnsentBytes: e.MAX_UNSENT_KB * 1024,
    tiktokOrigin: e.TIKTOK_ORIGIN,
    resolver: {
      // With a public address, media links are absolute: a page on another allowed origin
      // (`CORS_ORIGINS`) plays them from here.
      ...(e.PUBLIC_URL !== undefined && {
        mediaPathPrefix: new URL('/media', e.PUBLIC_URL).href,
      }),
      chromiumPath:
        e.CHROMIUM_PATH === undefined
          ? undefined
          : e.CHROMIUM_PATH === 'none'
            ? false
            : e.CHROMIUM_PATH,
      ...(e.RESOLVER_CACHE_SIZE !== undefined && { cacheSize: e.RESOLVER_CACHE_SIZE }),
      ...(e.RESOLVER_CACHE_MAX_AGE_SECONDS !== undefined && {
        cacheMaxAgeMs: e.RESOLVER_CACHE_MAX_AGE_SECONDS * 1000,
      }),
      ...(e.RESOLVER_ERROR_CACHE_SECONDS !== undefined && {
        errorCacheMs: e.RESOLVER_ERROR_CACHE_SECONDS * 1000,
      }),
      ...(e.RESOLVER_CONCURRENCY !== undefined && { concurrency: e.RESOLVER_CONCURRENCY }),
      ...(e.RESOLVER_BROWSER_CONCURRENCY !== undefined && {
        browserConcurrency: e.RESOLVER_BROWSER_CONCURRENCY,
      }),
      ...(e.RESOLVER_MAX_QUEUE !== undefined && { maxQueueLength: e.RESOLVER_MAX_QUEUE }),
      ...(e.RESOLVE_TIMEOUT_MS !== undefined && { jobTimeoutMs: e.RESOLVE_TIMEOUT_MS }),
      ...(e.BROWSER_TIMEOUT_MS !== undefined && { browserTimeoutMs: e.BROWSER_TIMEOUT_MS }),
      ...(e.BROWSER_LAUNCH_TIMEOUT_MS !== undefined && {
        browserLaunchTimeoutMs: e.BROWSER_LAUNCH_TIMEOUT_MS,
      }),
      ...(e.RESOLVER_USER_AGENT !== undefined && { userAgent: e.RESOLVER_USER_AGENT }),
      resolveRatePerMinute: e.RESOLVE_RATE_PER_MINUTE,
    },
    media: {
      cacheBytes: e.MEDIA_CACHE_MB * MB,
      cacheDir: e.MEDIA_CACHE_DIR,
      maxFileBytes: e.MEDIA_MAX_FILE_MB === undefined ? undefined : e.MEDIA_MAX_FILE_MB * MB,
    },
    sessionSecret: e.SESSION_SECRET,
    adminToken: e.ADMIN_TOKEN,
    dataDir: path.resolve(e.DATA_DIR),
    snapshotIntervalMs: e.SNAPSHOT_INTERVAL_SECONDS * 1000,
    redis:
      e.REDIS_URL === undefined ? undefined : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
  };
}
