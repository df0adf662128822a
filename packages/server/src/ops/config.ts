import { z } from 'zod';

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
  SHUTDOWN_GRACE_SECONDS: positiveInt.default(10),
  TIKTOK_ORIGIN: url.optional(),
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
  shutdownGraceMs: number;
  tiktokOrigin: string | undefined;
}

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
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    tiktokOrigin: e.TIKTOK_ORIGIN,
  };
}
