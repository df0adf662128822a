import { Redis } from 'ioredis';
import { SimClient } from './client.js';
import { startApp, type AppSettings, type ServerProcess } from './servers.js';
import { now, Tally } from './tally.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRedis<T>(url: string, run: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  try {
    await redis.connect();
    return await run(redis);
  } finally {
    redis.disconnect();
  }
}

/** Why Redis cannot be used (undefined: it answers). */
export async function redisProblem(url: string): Promise<string | undefined> {
  try {
    await withRedis(url, (redis) => redis.ping());
    return undefined;
  } catch (error: unknown) {
    if (!(error instanceof Error)) throw error;
    return `Redis at ${url} does not answer (${error.message})`;
  }
}

/** How many entries the stream `key` has (0 when it does not exist). */
export async function streamLength(url: string, key: string): Promise<number> {
  return withRedis(url, (redis) => redis.xlen(key));
}

/** Deletes every key under `prefix`; returns how many. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  });
}

/**
 * Whether this build serves rooms through Redis: two processes started with REDIS_URL,
 * one client on each in one room; a chat sent on one must arrive on the other.
 */
export async function redisSupported(settings: AppSettings): Promise<boolean> {
  const servers: ServerProcess[] = [];
  const clients: SimClient[] = [];
  try {
    servers.push(await startApp(settings, 'probe-a'), await startApp(settings, 'probe-b'));
    const tally = new Tally();
    tally.measureFrom = now();
    tally.measureUntil = now() + 60_000;
    const room = { connected: 0 };
    for (const [index, server] of servers.entries()) {
      const client = new SimClient({
        flavor: 'app',
        url: server.url,
        localAddress: '127.0.0.2',
        roomId: 'redis-probe',
        userId: `probe-${index}`,
        tally,
        room,
      });
      clients.push(client);
      await client.join();
    }
    clients[0]?.chat();
    const deadline = Date.now() + 3000;
    while (tally.received === 0 && Date.now() < deadline) await sleep(50);
    return tally.received > 0;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
}
