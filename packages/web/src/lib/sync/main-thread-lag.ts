/** How long (ms) a late timer counts as what the main thread may do again. */
const REMEMBER_MS = 2_000;
/** Lateness beyond this (ms) is a clock that moved or a page that slept, not a busy thread. */
const MAX_CREDIBLE_MS = 2_000;

/**
 * How late this page's timers have fired lately: the main thread's long tasks (a render,
 * a burst of messages, a phone's slow core). Every rate pulse ends on a timer, and a
 * timer that fires J ms late leaves a pulse at rate r running (r - 1) * J too far; a pulse
 * paced by `pace` is long enough that such a late end leaves at most `1 / PACE_FACTOR` of
 * the error it corrects, so corrections converge instead of swinging (on a busy 2-core
 * machine, fast landing pulses ended 100-300 ms late and swung a late joiner between
 * twice and half the rate for a second).
 */
export class MainThreadLag {
  private readonly seen: { at: number; lateMs: number }[] = [];

  /**
   * `localNow`: this page's own clock (ms), which only moves forward with time; not the
   * server clock's estimate, which moves when it is measured again.
   */
  constructor(readonly localNow: () => number = () => Date.now()) {}

  /** A timer just ran `lateMs` after the moment it was aimed at. */
  note(lateMs: number): void {
    if (!(lateMs > 0) || lateMs > MAX_CREDIBLE_MS) return;
    const at = this.localNow();
    this.seen.push({ at, lateMs });
    this.forget(at);
  }

  /** The latest a timer fired within the last couple of seconds (ms; 0 if none). */
  worst(): number {
    this.forget(this.localNow());
    let worst = 0;
    for (const entry of this.seen) worst = Math.max(worst, entry.lateMs);
    return worst;
  }

  /** A pulse's length for `nudgeMs`, stretched so a timer as late as lately cannot swing it. */
  pace(nudgeMs: number): number {
    return Math.max(nudgeMs, PACE_FACTOR * this.worst());
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.seen.length && (this.seen[drop]?.at ?? now) < now - REMEMBER_MS) drop++;
    if (drop > 0) this.seen.splice(0, drop);
  }
}

/** A pulse lasts at least this many times the recent worst lateness of a timer. */
export const PACE_FACTOR = 2;
