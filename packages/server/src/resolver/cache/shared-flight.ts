import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ErrorCode } from '@wt/protocol';
import type { Logger } from 'pino';
import type { HeldLock, RedisLock } from './redis-lock.js';

/**
 * Runs the fetch of one video in at most one process at a time. `read` answers from the
 * shared cache (undefined: nothing usable there yet; it throws a cached failure).
 */
export interface SharedFlight {
  run<T>(id: string, job: () => Promise<T>, read: () => Promise<T | undefined>): Promise<T>;
}

/** One process: the in-process single flight is all there is. */
export const localFlight: SharedFlight = {
  run: (_id, job) => job(),
};

export interface RedisFlightOptions {
  lock: RedisLock;
  keyPrefix: string;
  /** How often a waiting process looks for the result (ms). */
  pollMs: number;
  /** Longest a process waits for another's fetch before it answers TIMEOUT (ms). */
  waitMs: number;
  logger: Logger;
}

/**
 * Single flight across processes: the process that takes the video's lock fetches; the
 * others poll the shared cache until the result is there. When the lock goes away with no
 * result (its holder died, or its failure was not one worth remembering), the next one to
 * take the lock fetches.
 */
export class RedisSharedFlight implements SharedFlight {
  constructor(private readonly options: RedisFlightOptions) {}

  async run<T>(id: string, job: () => Promise<T>, read: () => Promise<T | undefined>): Promise<T> {
    try {
      return await this.coordinated(id, job, read);
    } catch (error) {
      if (!(error instanceof LockUnavailable)) throw error;
      // Redis cannot be asked: fetch here rather than fail (at worst one fetch per process).
      this.options.logger.warn({ err: error.cause, id }, 'resolver lock unavailable: fetching');
      return job();
    }
  }

  private async coordinated<T>(
    id: string,
    job: () => Promise<T>,
    read: () => Promise<T | undefined>,
  ): Promise<T> {
    const { pollMs, waitMs, logger } = this.options;
    const key = `${this.options.keyPrefix}resolver:lock:${id}`;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const held = await this.acquire(key);
      if (held) {
        try {
          // Another process may have finished between our look and our lock.
          return (await read()) ?? (await job());
        } finally {
          await held.release().catch((error: unknown) => {
            logger.warn({ err: error, id }, 'could not release a resolver lock');
          });
        }
      }
      while (await this.isHeld(key)) {
        const result = await read();
        if (result !== undefined) return result;
        if (Date.now() > deadline) {
          throw new AppError(
            ErrorCode.TIMEOUT,
            'TikTok took too long to answer. Try again in a moment.',
          );
        }
        await sleep(pollMs);
      }
      const result = await read();
      if (result !== undefined) return result;
      logger.info({ id }, 'resolver lock gone without a result: taking the fetch over');
    }
  }

  private async acquire(key: string): Promise<HeldLock | undefined> {
    try {
      return await this.options.lock.acquire(key);
    } catch (error) {
      throw new LockUnavailable(error);
    }
  }

  private async isHeld(key: string): Promise<boolean> {
    try {
      return await this.options.lock.isHeld(key);
    } catch (error) {
      throw new LockUnavailable(error);
    }
  }
}

/** Redis did not answer a lock command. */
class LockUnavailable extends Error {
  constructor(cause: unknown) {
    super('the resolver lock could not be reached', { cause });
  }
}
