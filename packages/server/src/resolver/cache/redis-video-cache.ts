import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { parseStoredResolve, type StoredResolve } from './cached-resolve-schema.js';
import type { CachedResolve, VideoCache } from './video-cache.js';

/**
 * The cache shared by every process: one JSON value per video id under
 * `{keyPrefix}resolver:video:{id}`, with a PX TTL so Redis forgets it when it expires. The
 * value carries its expiry too (the resolver's clock decides), and is parsed with zod on
 * read: a value that is not what we write is a miss, logged, never a crash.
 */
export class RedisVideoCache implements VideoCache {
  readonly localEntries = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  key(id: string): string {
    return `${this.keyPrefix}resolver:video:${id}`;
  }

  async get(id: string): Promise<CachedResolve | undefined> {
    const text = await this.redis.get(this.key(id));
    if (text === null) return undefined;
    const stored = parseStoredResolve(text);
    if (!stored) {
      this.logger.warn({ id }, 'unreadable resolver cache value in Redis: treated as a miss');
      return undefined;
    }
    return stored.expiresAt > this.now() ? stored.value : undefined;
  }

  async set(id: string, value: CachedResolve, expiresAt: number): Promise<void> {
    const ttl = Math.ceil(expiresAt - this.now());
    if (ttl <= 0) {
      await this.redis.del(this.key(id));
      return;
    }
    const stored: StoredResolve = { expiresAt, value };
    await this.redis.set(this.key(id), JSON.stringify(stored), 'PX', ttl);
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }
}
