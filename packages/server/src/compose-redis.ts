import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { HealthCheck } from './http/health.js';
import type { Logger } from './ops/logger.js';
import { createRedisClient, redisHealthCheck, whenReady } from './ops/redis.js';
import { RedisIdentities, type SharedIdentities } from './realtime/shared-identities.js';
import type { WatchServer } from './realtime/types.js';
import { RedisRoomStore } from './store/redis-room-store.js';

/** Everything that lives in Redis when `REDIS_URL` is set. */
export interface SharedState {
  store: RedisRoomStore;
  /** The store's connection: its state is the service's (degraded while it is away). */
  storeClient: Redis;
  healthCheck: HealthCheck;
  /** Who each plain client's Socket.io session was, for every process. */
  identities: SharedIdentities;
  /** Puts Socket.io on the Redis Streams adapter: broadcasts and recovery cross processes. */
  attach(io: WatchServer): void;
  close(): Promise<void>;
}

/**
 * Connects to Redis (waiting for it at start-up, retrying meanwhile) and builds the store
 * and the adapter. Every key, stream and channel carries `keyPrefix`.
 */
export async function connectRedis(
  settings: { url: string; keyPrefix: string },
  idleMs: number,
  logger: Logger,
): Promise<SharedState> {
  const storeClient = createRedisClient(settings.url, 'store', logger);
  // The adapter duplicates this one for its blocking stream reads and its subscriptions.
  const adapterClient = createRedisClient(settings.url, 'adapter', logger);
  await Promise.all([whenReady(storeClient), whenReady(adapterClient)]);
  const store = new RedisRoomStore(storeClient, settings.keyPrefix, { idleMs });
  return {
    store,
    storeClient,
    healthCheck: redisHealthCheck(storeClient),
    identities: new RedisIdentities(storeClient, settings.keyPrefix, logger),
    attach(io) {
      // The in-memory adapter it replaces stops its pruning timer (Socket.io does not close it).
      Promise.resolve(io.of('/').adapter.close()).catch((error: unknown) => {
        logger.error({ err: error }, 'closing the in-memory adapter failed');
      });
      io.adapter(
        createAdapter(adapterClient, {
          streamName: `${settings.keyPrefix}socket.io`,
          channelPrefix: `${settings.keyPrefix}socket.io`,
          sessionKeyPrefix: `${settings.keyPrefix}sio:session:`,
        }),
      );
    },
    async close() {
      await store.close();
      adapterClient.disconnect();
    },
  };
}
