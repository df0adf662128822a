import { TokenBucket } from './token-bucket.js';

export type Admission = 'accepted' | 'refused' | 'disconnect';

/**
 * A connection's event budget: `burst` events at once, `perSecond` after. Refusals are
 * strikes, and strikes refill four times slower than events: a client that keeps sending
 * past its limit runs out of them (a flood within milliseconds, twice the rate within a few
 * seconds) and is disconnected, so a refused event never costs more than a counter.
 */
export class EventGuard {
  private readonly events: TokenBucket;
  private readonly strikes: TokenBucket;
  private closed = false;

  constructor(perSecond: number, burst: number, now: number) {
    this.events = new TokenBucket(perSecond, burst, now);
    this.strikes = new TokenBucket(perSecond / 4, burst, now);
  }

  admit(now: number): Admission {
    if (this.closed) return 'disconnect';
    if (this.events.take(now)) return 'accepted';
    return this.strike(now);
  }

  /** A refusal decided elsewhere (the address's budget) counts as a strike too. */
  strike(now: number): Exclude<Admission, 'accepted'> {
    if (this.closed) return 'disconnect';
    if (this.strikes.take(now)) return 'refused';
    this.closed = true;
    return 'disconnect';
  }
}
