import type { Redis } from 'ioredis';
import type { Logger } from '../ops/logger.js';
import { AddressBudget, type AddressEventBudget } from './address-budget.js';

/** How often this process adds its counts to the shared ones (ms). */
export const ADDRESS_EVENTS_FLUSH_MS = 250;

/** Blocked addresses kept before the expired ones are swept. */
const SWEEP_ABOVE = 1000;

/**
 * Events per second of one address over every process on one Redis. A Redis round trip
 * per event would cost more than the event, so each process counts locally (and holds the
 * address to the whole budget on its own, as `AddressBudget`), and every
 * `ADDRESS_EVENTS_FLUSH_MS` adds its counts to one key per address and second (`INCRBY`,
 * one pipeline for all of them). The answer is the address's total over every process in
 * that second: past the budget, this process refuses the address until the second ends.
 * An address can thus pass the budget by at most one flush interval's events per process.
 */
export class SharedAddressBudget implements AddressEventBudget {
  private readonly local: AddressBudget;
  /** Events accepted since the last flush: second (epoch s) -> address -> count. */
  private pending = new Map<number, Map<string, number>>();
  /** Addresses over the shared budget, and until when (epoch ms). */
  private readonly blocked = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly perSecond: number,
    private readonly logger: Logger,
    private readonly flushMs = ADDRESS_EVENTS_FLUSH_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.local = new AddressBudget(perSecond);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'address budget: could not share the counts');
      });
    }, this.flushMs);
    this.timer.unref();
  }

  async take(address: string): Promise<boolean> {
    const now = this.clock();
    const until = this.blocked.get(address);
    if (until !== undefined) {
      if (until > now) return false;
      this.blocked.delete(address);
    }
    if (!(await this.local.take(address))) return false;
    const second = Math.floor(now / 1000);
    const counts = this.pending.get(second) ?? new Map<string, number>();
    counts.set(address, (counts.get(address) ?? 0) + 1);
    this.pending.set(second, counts);
    return true;
  }

  /** Adds the counts since the last flush to the shared ones; blocks addresses past the budget. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const sent: { second: number; address: string }[] = [];
    const pipeline = this.redis.pipeline();
    for (const [second, counts] of batch) {
      for (const [address, count] of counts) {
        const key = `${this.prefix}address-events:${String(second)}:${address}`;
        pipeline.incrby(key, count).pexpire(key, 2_000);
        sent.push({ second, address });
      }
    }
    const results = (await pipeline.exec()) ?? [];
    const now = this.clock();
    this.sweep(now);
    sent.forEach(({ second, address }, i) => {
      const [error, total] = results[i * 2] ?? [];
      if (error) {
        this.logger.warn({ err: error, address }, 'address budget: a count was not shared');
        return;
      }
      const secondEnds = (second + 1) * 1000;
      if (typeof total === 'number' && total > this.perSecond && secondEnds > now) {
        this.blocked.set(address, secondEnds);
      }
    });
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private sweep(now: number): void {
    if (this.blocked.size < SWEEP_ABOVE) return;
    for (const [address, until] of this.blocked) if (until <= now) this.blocked.delete(address);
  }
}
