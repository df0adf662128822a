import { browserTimers, type TimerHandle, type Timers } from './instant-timer';

/**
 * Sends a value when it changes, at most once per `intervalMs`; a change inside the
 * interval is sent when it ends, and always the latest value, so a flicker costs
 * nothing and the last word is never lost.
 */
export class ThrottledReport<T> {
  private sent: T | undefined;
  private latest: T | undefined;
  private lastSentAt = -Infinity;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly timers: Timers = browserTimers,
  ) {}

  set(value: T): void {
    this.latest = value;
    if (this.timer !== undefined) return;
    if (value === this.sent) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.latest !== this.sent) this.flush();
    }, wait);
  }

  /** Forget what was sent (a new connection knows nothing): the latest goes out again. */
  resend(): void {
    this.dispose();
    this.sent = undefined;
    this.lastSentAt = -Infinity;
    if (this.latest !== undefined) this.set(this.latest);
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    const value = this.latest;
    if (value === undefined) return;
    this.sent = value;
    this.lastSentAt = this.now();
    this.send(value);
  }
}
