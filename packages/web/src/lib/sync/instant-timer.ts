import { START_TIMING } from './tuning';

/** The timer functions the engine uses, injectable for tests. */
export type TimerHandle = ReturnType<typeof setTimeout>;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The page's timers, looked up at each call (so test fakes installed later apply). */
export const browserTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle);
  },
};

/** Bounds the final wait however the clock behaves (a few ms of iterations at most). */
const MAX_SPIN_ITERATIONS = 1_000_000;

/**
 * Runs a callback at an instant of a given clock (the server's), as precisely as the
 * page allows: `setTimeout` wakes it `spinMs` early (timers fire a few ms late, never
 * on the millisecond), and the last few ms are waited out reading the clock. A timer
 * that wakes far too early (the clock estimate moved meanwhile) sleeps again.
 */
export class InstantTimer {
  private handle: TimerHandle | undefined;
  private instant: number | undefined;

  constructor(
    private readonly now: () => number,
    private readonly timers: Timers = browserTimers,
    private readonly spinMs: number = START_TIMING.spinMs,
  ) {}

  /** The instant a callback is aimed at, if any. */
  get pendingAt(): number | undefined {
    return this.instant;
  }

  /** Aims `callback` at `instant`, replacing whatever was aimed before. */
  at(instant: number, callback: () => void): void {
    this.cancel();
    this.instant = instant;
    this.sleep(instant, callback);
  }

  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.instant = undefined;
  }

  private sleep(instant: number, callback: () => void): void {
    const delay = instant - this.now() - this.spinMs;
    if (delay <= 0) {
      this.fire(instant, callback);
      return;
    }
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      if (instant - this.now() > this.spinMs * 2) this.sleep(instant, callback);
      else this.fire(instant, callback);
    }, delay);
  }

  private fire(instant: number, callback: () => void): void {
    for (let i = 0; i < MAX_SPIN_ITERATIONS && this.now() < instant; i++) {
      // Waiting out the last milliseconds: a timer cannot be aimed this finely.
    }
    this.instant = undefined;
    callback();
  }
}
