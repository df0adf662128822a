import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Events per second of one address over all its connections, in this process (an address's
 * connections to one room land on one process behind sticky sessions; across processes each
 * counts its own). `rate-limiter-flexible` in memory: a key per address, expiring by itself.
 */
export class AddressBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(perSecond: number) {
    this.limiter = new RateLimiterMemory({ points: perSecond, duration: 1 });
  }

  /** Spends one event of `address`; false when its second's budget is spent. */
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
