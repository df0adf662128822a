import { InstantTimer, type Timers } from './instant-timer';
import type { MainThreadLag } from './main-thread-lag';
import { nudgeFor } from './planner';
import type { MediaSlot } from './slot';
import type { SyncTuning } from './tuning';

/**
 * One rate pulse at a time on an element: run at `rate` for `durationMs`, then at the
 * room's rate again, precisely timed. A busy main thread can end the pulse late: it then
 * ran at `rate` that much longer, an overshoot known exactly, which a quick pulse the
 * other way takes back at once (once: a main thread that stays that busy would make a
 * chain of them swing ever wider; what is left is measured once things have settled).
 */
export class RatePulse {
  private until: number | undefined;
  private readonly timer: InstantTimer;

  constructor(
    private readonly now: () => number,
    timers: Timers,
    private readonly tuning: SyncTuning,
    private readonly lag: MainThreadLag,
  ) {
    this.timer = new InstantTimer(now, timers, 0);
  }

  /** A pulse is running (its end not reached yet). */
  get running(): boolean {
    return this.until !== undefined;
  }

  /** Starts a pulse from `now`; `ended(at)` once the element is back at `base`. */
  start(
    el: MediaSlot,
    pulse: { rate: number; durationMs: number },
    base: number,
    now: number,
    ended: (at: number) => void,
    takesBack = false,
  ): void {
    const { rate } = pulse;
    el.setRate(rate, true);
    const until = now + pulse.durationMs;
    this.until = until;
    this.timer.at(until, () => {
      const at = this.now();
      const { tuning, lag } = this;
      lag.note(at - until);
      const overshoot = ((rate - base) * Math.max(0, at - until)) / 1000;
      if (!takesBack && tuning.canNudge && Math.abs(overshoot) > tuning.deadBand) {
        const nudgeMs = lag.pace(tuning.landingNudgeMs);
        const back = nudgeFor(-overshoot, base, { ...tuning, nudgeMs });
        this.start(el, back, base, at, ended, true);
        return;
      }
      el.setRate(base, false);
      this.until = undefined;
      ended(at);
    });
  }

  /** Stops a running pulse: the element goes back to `base` at once. */
  cancel(el: MediaSlot, base: number): void {
    if (this.until !== undefined && el.running) el.setRate(base, false);
    this.timer.cancel();
    this.until = undefined;
  }
}
