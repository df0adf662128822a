import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Deletes the key only while it still holds our token (the lock may have passed on). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Extends the key's life only while it still holds our token. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock {
  /** Gives the lock up (only if it is still ours) and stops renewing it. */
  release(): Promise<void>;
}

/**
 * A short Redis lock: `SET key token NX PX ttl`, renewed every third of its life while its
 * holder works, released only by the token that took it. A holder that dies stops renewing,
 * so its lock expires within `ttlMs` and another process can take the work over.
 */
export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  async acquire(key: string): Promise<HeldLock | undefined> {
    const token = randomUUID();
    const taken = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return undefined;
    const renewal = setInterval(
      () => {
        this.redis.eval(RENEW, 1, key, token, String(this.ttlMs)).catch((error: unknown) => {
          this.logger.warn({ err: error, key }, 'could not renew a resolver lock');
        });
      },
      Math.max(1, Math.floor(this.ttlMs / 3)),
    );
    renewal.unref();
    return {
      release: async () => {
        clearInterval(renewal);
        await this.redis.eval(RELEASE, 1, key, token);
      },
    };
  }

  async isHeld(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }
}
