import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from '../../src/resolver/rate-limit.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = await testRedisUrl();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function redisClient(address = url): Redis {
  const redis = new Redis(address, { lazyConnect: address !== url, maxRetriesPerRequest: 0 });
  redis.on('error', () => {
    // The unreachable one is meant to fail: its errors are what the test is about.
  });
  cleanups.push(() => {
    redis.disconnect();
    return Promise.resolve();
  });
  return redis;
}

/** The same rules whatever holds the counts. */
function budgetContract(name: string, make: () => RateLimiter) {
  describe(`resolve budget: ${name}`, () => {
    it('allows the rate per minute per address, then says how long to wait', async () => {
      const budget = make();
      expect([await budget.take('1.2.3.4'), await budget.take('1.2.3.4')]).toEqual([0, 0]);
      const wait = await budget.take('1.2.3.4');
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
      expect(await budget.take('5.6.7.8')).toBe(0);
    });
  });
}

budgetContract('in memory', () => createRateLimiter(2));

budgetContract('in Redis', () => {
  const keyPrefix = uniquePrefix();
  cleanups.push(() => removeKeys(url, keyPrefix));
  return createRateLimiter(2, { redis: redisClient(), keyPrefix });
});

describe('resolve budget shared through Redis', () => {
  it('two processes spend from one budget per address', async () => {
    const keyPrefix = uniquePrefix();
    cleanups.push(() => removeKeys(url, keyPrefix));
    const one = createRateLimiter(2, { redis: redisClient(), keyPrefix });
    const two = createRateLimiter(2, { redis: redisClient(), keyPrefix });
    expect(await one.take('9.9.9.9')).toBe(0);
    expect(await two.take('9.9.9.9')).toBe(0);
    expect(await one.take('9.9.9.9')).toBeGreaterThan(0);
    expect(await two.take('9.9.9.9')).toBeGreaterThan(0);
  });

  it('counts in memory while Redis is away instead of refusing everyone', async () => {
    const away = redisClient('redis://127.0.0.1:1');
    const budget = createRateLimiter(2, { redis: away, keyPrefix: uniquePrefix() });
    expect([await budget.take('a'), await budget.take('a')]).toEqual([0, 0]);
    expect(await budget.take('a')).toBeGreaterThan(0);
  });
});
