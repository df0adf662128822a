import { Redis } from 'ioredis';
import type { HealthCheck } from './health-check.js';
import type { Logger } from './logger.js';

/** The longest wait between two reconnection attempts: Redis is retried for ever. */
const MAX_RETRY_DELAY_MS = 2000;
/** A command that gets no answer in this time fails instead of hanging an event. */
const COMMAND_TIMEOUT_MS = 5000;

export type RedisRole = 'store' | 'adapter';

/**
 * A Redis connection that keeps reconnecting (never gives up) and logs its errors.
 * `store`: commands fail at once while Redis is away (events answer `UNAVAILABLE`);
 * `adapter`: Socket.io's adapter, whose blocking reads wait in the offline queue.
 */
export function createRedisClient(url: string, role: RedisRole, logger: Logger): Redis {
  const client = new Redis(url, {
    connectionName: `wt-${role}`,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RETRY_DELAY_MS),
    maxRetriesPerRequest: role === 'store' ? 1 : 2,
    enableOfflineQueue: role !== 'store',
    ...(role === 'store' ? { commandTimeout: COMMAND_TIMEOUT_MS } : {}),
  });
  let down = false;
  client.on('error', (error: unknown) => {
    // ioredis reports every failed reconnection attempt: log the first of a series only.
    if (down) return;
    down = true;
    logger.error({ err: error, role }, 'Redis connection failed; retrying');
  });
  client.on('ready', () => {
    if (down) logger.info({ role }, 'Redis connection is back');
    down = false;
  });
  return client;
}

/** Resolves once `client` is connected (start-up waits for Redis, retrying meanwhile). */
export function whenReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    client.once('ready', () => {
      resolve();
    });
  });
}

/** `/health` pings Redis: 503 with `down: ['redis']` while it does not answer. */
export function redisHealthCheck(client: Redis): HealthCheck {
  return {
    name: 'redis',
    async check() {
      if (client.status !== 'ready') return false;
      await client.ping();
      return true;
    },
  };
}
