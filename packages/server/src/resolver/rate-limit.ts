import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * A budget of requests per client key (the IP) per minute, with `rate-limiter-flexible`:
 * in this process's memory, or in Redis so that every process spends from one budget per
 * address. While Redis is away, each process counts in memory (its insurance), so a
 * request is never refused because the store is down.
 */
export interface RateLimiter {
  /** Spends one; resolves to 0 when allowed, else the ms until one is back. */
  take(key: string): Promise<number>;
}

export interface SharedBudget {
  redis: Redis;
  /** Key prefix of this budget in Redis (e.g. `wt:resolve-budget:`). */
  keyPrefix: string;
}

export function createRateLimiter(perMinute: number, shared?: SharedBudget): RateLimiter {
  const options = { points: perMinute, duration: 60 };
  const memory = new RateLimiterMemory(options);
  const limiter: RateLimiterAbstract = shared
    ? new RateLimiterRedis({
        ...options,
        storeClient: shared.redis,
        keyPrefix: shared.keyPrefix,
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (refusal: unknown) {
        // The library rejects with its result when the budget is spent; anything else is a
        // real failure (the insurance limiter already covers a store that is away).
        if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
        throw refusal;
      }
    },
  };
}
