import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_IDS, genericId } from '../fake-tiktok/catalog.js';
import { startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import { freePort } from '../support/free-port.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startPipelineProcess, type PipelineProcess } from './pipelines.js';

const url = await testRedisUrl();
const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;

/** Two "processes" (two pipelines, two Redis connections) sharing one key prefix. */
describe('the resolver shared through Redis', () => {
  let fake: FakeTikTok;
  let prefix: string;
  let redis: Redis[];
  let processes: PipelineProcess[];

  async function start(count: number, lockMs?: number): Promise<PipelineProcess[]> {
    for (let i = 0; i < count; i++) {
      const connection = new Redis(url);
      redis.push(connection);
      processes.push(
        await startPipelineProcess(fake, {
          redis: connection,
          keyPrefix: prefix,
          ...(lockMs ? { lockMs } : {}),
        }),
      );
    }
    return processes;
  }

  beforeEach(async () => {
    fake = await startFakeTikTok({ delayMs: 300 });
    prefix = uniquePrefix();
    redis = [];
    processes = [];
  });
  afterEach(async () => {
    for (const process of processes) await process.close();
    for (const connection of redis) await connection.quit();
    await fake.close();
    await removeKeys(url, prefix);
  });

  it('two processes asked for one new video at once fetch its page once', async () => {
    const [a, b] = await start(2);
    if (!a || !b) throw new Error('two processes expected');
    const id = genericId(7001);
    const results = await Promise.all([
      a.resolve(page(id)),
      b.resolve(page(id)),
      a.resolve(page(id)),
      b.resolve(page(id)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.mediaUrl))).toEqual(new Set([`/media/${id}.mp4`]));
    expect(fake.stats.pageHits.get(id)).toBe(1);
    // The lock is given back, and a later resolve anywhere is a cache hit.
    expect(await redis[0]?.keys(`${prefix}resolver:lock:*`)).toEqual([]);
    expect((await b.resolve(page(id))).body).toMatchObject({ source: 'cache' });
    expect(fake.stats.pageHits.get(id)).toBe(1);
  });

  it('a definite failure fetched by one process is the other’s answer too', async () => {
    const [a, b] = await start(2);
    if (!a || !b) throw new Error('two processes expected');
    const results = await Promise.all([
      a.resolve(page(FAKE_IDS.private)),
      b.resolve(page(FAKE_IDS.private)),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403]);
    for (const result of results) {
      expect(result.body).toMatchObject({ error: { code: 'VIDEO_PRIVATE' } });
    }
    expect(fake.stats.pageHits.get(FAKE_IDS.private)).toBe(1);
  });

  it('takes the fetch over when the lock’s holder died without a result', async () => {
    const [b] = await start(1, 500);
    if (!b) throw new Error('one process expected');
    const id = genericId(7002);
    const lockKey = `${prefix}resolver:lock:${id}`;
    const holder = redis[0];
    if (!holder) throw new Error('a Redis connection expected');
    // A holder that took the lock and never finishes (no expiry yet: it is "alive").
    await holder.set(lockKey, 'a-holder-that-never-finishes');
    let settled = false;
    const pending = b.resolve(page(id)).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(settled).toBe(false);
    expect(fake.stats.pageHits.get(id)).toBeUndefined();
    // The holder dies: it stops renewing, so its lock runs out.
    await holder.pexpire(lockKey, 200);
    const result = await pending;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id, source: 'page' });
    expect(fake.stats.pageHits.get(id)).toBe(1);
    expect(await holder.exists(lockKey)).toBe(0);
  });

  it('a lock holder that works longer than the lock’s life keeps it (renewed)', async () => {
    await fake.close();
    fake = await startFakeTikTok({ delayMs: 1_200 });
    const [a, b] = await start(2, 300);
    if (!a || !b) throw new Error('two processes expected');
    const id = genericId(7003);
    const first = a.resolve(page(id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const results = await Promise.all([first, b.resolve(page(id))]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.stats.pageHits.get(id)).toBe(1);
  });

  it('with Redis unreachable, a resolve and its media still work (fetched here)', async () => {
    const unreachable = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const errors: unknown[] = [];
    unreachable.on('error', (error: unknown) => errors.push(error));
    const p = await startPipelineProcess(fake, { redis: unreachable, keyPrefix: prefix });
    try {
      const id = genericId(7004);
      const result = await p.resolve(page(id));
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ id, source: 'page' });
      const media = await p.get(`/media/${id}.mp4`);
      expect(media.status).toBe(200);
      expect(Buffer.from(await media.arrayBuffer()).equals(fake.video)).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await p.close();
      unreachable.disconnect();
    }
  });
});
