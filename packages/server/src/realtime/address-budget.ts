import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Events per second of one address over all its connections (`ADDRESS_EVENTS_PER_SECOND`). */
export interface AddressEventBudget {
  /** Spends one event of `address`; false when its second's budget is spent. */
  take(address: string): Promise<boolean>;
}

/**
 * The address's events in this process: `rate-limiter-flexible` in memory, a key per
 * address, expiring by itself. Alone, it is the whole budget; with several processes,
 * `SharedAddressBudget` adds the other processes' events to it.
 */
export class AddressBudget implements AddressEventBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(perSecond: number) {
    this.limiter = new RateLimiterMemory({ points: perSecond, duration: 1 });
  }

  async take(address: string): Promise<boolean> {
    try {
      await this.limiter.consume(address);
      return true;
    } catch (refusal: unknown) {
      if (refusal instanceof RateLimiterRes) return false;
      throw refusal;
    }
  }
}
