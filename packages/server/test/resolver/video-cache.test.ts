import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryVideoCache } from '../../src/resolver/cache/memory-video-cache.js';
import { RedisVideoCache } from '../../src/resolver/cache/redis-video-cache.js';
import type { CachedResolve } from '../../src/resolver/cache/video-cache.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { sampleEntry, videoCacheContract } from './video-cache.contract.js';

const url = await testRedisUrl();
const logger = pino({ level: 'silent' });
const HOUR = 60 * 60 * 1000;

videoCacheContract('MemoryVideoCache', () => {
  const clock = { now: Date.now() };
  const cache = new MemoryVideoCache(100, () => clock.now);
  return Promise.resolve({ cache, clock, close: () => Promise.resolve() });
});

videoCacheContract('RedisVideoCache', () => {
  const clock = { now: Date.now() };
  const prefix = uniquePrefix();
  const redis = new Redis(url);
  const cache = new RedisVideoCache(redis, prefix, () => clock.now, logger);
  return Promise.resolve({
    cache,
    clock,
    async close() {
      await removeKeys(url, prefix);
      await redis.quit();
    },
  });
});

describe('MemoryVideoCache', () => {
  it('keeps at most its capacity, least recently used out first', async () => {
    const now = Date.now();
    const cache = new MemoryVideoCache(2, () => now);
    const value = (id: string): CachedResolve => ({ kind: 'video', entry: sampleEntry(id, now) });
    await cache.set('a', value('a'), now + HOUR);
    await cache.set('b', value('b'), now + HOUR);
    await cache.get('a');
    await cache.set('c', value('c'), now + HOUR);
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBeDefined();
    expect(cache.localEntries).toBe(2);
  });
});

describe('RedisVideoCache', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(url);
  afterAll(async () => {
    await removeKeys(url, prefix);
    await redis.quit();
  });

  it('stores JSON with a PX TTL that ends at the value’s expiry', async () => {
    const now = Date.now();
    const cache = new RedisVideoCache(redis, prefix, () => now, logger);
    const value: CachedResolve = { kind: 'video', entry: sampleEntry('7400000000000000001', now) };
    await cache.set('7400000000000000001', value, now + HOUR);
    const key = `${prefix}resolver:video:7400000000000000001`;
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(HOUR - 60_000);
    expect(ttl).toBeLessThanOrEqual(HOUR);
    const stored: unknown = JSON.parse((await redis.get(key)) ?? 'null');
    expect(stored).toMatchObject({ expiresAt: now + HOUR, value: { kind: 'video' } });
  });

  it('a value in Redis past its expiry is gone', async () => {
    const now = Date.now();
    const cache = new RedisVideoCache(redis, prefix, () => now, logger);
    const failure: CachedResolve = {
      kind: 'failure',
      error: { code: 'VIDEO_PRIVATE', message: 'Private.' },
    };
    await cache.set('7400000000000000011', failure, now + 50);
    const key = `${prefix}resolver:video:7400000000000000011`;
    expect(await redis.exists(key)).toBe(1);
    for (let i = 0; i < 200 && (await redis.exists(key)) === 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await redis.exists(key)).toBe(0);
  });

  it('a corrupt value is a miss, never a crash, and a good write replaces it', async () => {
    const now = Date.now();
    const cache = new RedisVideoCache(redis, prefix, () => now, logger);
    const key = `${prefix}resolver:video:7400000000000000001`;
    for (const text of [
      'not json {',
      '42',
      JSON.stringify({ expiresAt: now + HOUR, value: { kind: 'video' } }),
      JSON.stringify({
        expiresAt: now + HOUR,
        value: { kind: 'failure', error: { code: 'NOT_A_CODE', message: 'x' } },
      }),
    ]) {
      await redis.set(key, text, 'PX', HOUR);
      expect(await cache.get('7400000000000000001'), text).toBeUndefined();
    }
    const value: CachedResolve = { kind: 'video', entry: sampleEntry('7400000000000000001', now) };
    await cache.set('7400000000000000001', value, now + HOUR);
    expect(await cache.get('7400000000000000001')).toStrictEqual(value);
  });

  it('two caches on one prefix share their values', async () => {
    const now = Date.now();
    const a = new RedisVideoCache(redis, prefix, () => now, logger);
    const other = new Redis(url);
    try {
      const b = new RedisVideoCache(other, prefix, () => now, logger);
      const value: CachedResolve = {
        kind: 'video',
        entry: sampleEntry('7400000000000000003', now),
      };
      await a.set('7400000000000000003', value, now + HOUR);
      expect(await b.get('7400000000000000003')).toStrictEqual(value);
    } finally {
      await other.quit();
    }
  });
});
