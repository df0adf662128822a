import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type TestSocket } from '../support/client.js';
import { captureLogs } from '../support/log-capture.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** pino's number for `error`. */
const ERROR = 50;

/**
 * A graceful stop (SIGTERM) of a process on Redis while people are in its rooms: the
 * transport closes first (every client reconnects by itself), then every departure that
 * closing started is carried out, and only then does the process let go of Redis. Before,
 * the departures raced the store's closing and failed ("leaving the room failed").
 */
describe('graceful shutdown on Redis', () => {
  const prefix = uniquePrefix();
  let redisUrl = '';
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redisUrl = await testRedisUrl();
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await removeKeys(redisUrl, prefix);
  });

  it('lets every departure finish before it closes its Redis connections', async () => {
    const { logger, lines } = captureLogs('info');
    server = await startTestServer(
      { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, SOCKET_EVENTS_PER_SECOND: '100' },
      { logger },
    );
    for (let i = 0; i < 12; i++) {
      const { socket } = await joinAs(server.url, `shutdown-${i % 3}`, `u${i}`, `Person ${i}`, 3);
      sockets.push(socket);
    }
    await server.close();
    const errors = lines.filter((line) => line.level >= ERROR);
    expect(errors.map((line) => line.msg)).toEqual([]);
    // The departures were carried out: the rooms' members are gone from the store.
    const redis = new Redis(redisUrl, { lazyConnect: true });
    await redis.connect();
    try {
      const keys = await redis.keys(`${prefix}room:shutdown-*`);
      expect(keys.length).toBe(3);
      for (const key of keys) {
        const raw = await redis.get(key);
        const stored: unknown = JSON.parse(raw ?? 'null');
        expect(stored).toMatchObject({ members: [] });
      }
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
