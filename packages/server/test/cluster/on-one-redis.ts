import { afterAll, beforeAll } from 'vitest';
import type { TestSocket } from '../support/client.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';

export interface OneRedis {
  /** Starts an in-process server on the file's Redis and prefix (`extra` settings on top). */
  start(extra?: Record<string, string>): Promise<TestServer>;
  /** Stops one of them now (a process going away). */
  stop(server: TestServer): Promise<void>;
  /** Sockets disconnected after the file's tests. */
  track(...sockets: TestSocket[]): void;
}

/**
 * For a test file: in-process servers sharing one Redis under a key prefix of their own
 * (`REDIS_URL` or a local one, see `testRedisUrl`), every server and socket stopped and
 * every key removed after the file's tests.
 */
export function onOneRedis(): OneRedis {
  const prefix = uniquePrefix();
  let redisUrl = '';
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    redisUrl = await testRedisUrl();
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
    await removeKeys(redisUrl, prefix);
  });
  return {
    async start(extra = {}) {
      const server = await startTestServer({
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        ...extra,
      });
      servers.push(server);
      return server;
    },
    async stop(server) {
      const index = servers.indexOf(server);
      if (index >= 0) servers.splice(index, 1);
      await server.close();
    },
    track(...more) {
      sockets.push(...more);
    },
  };
}
