/**
 * How long after its rate is set this page's media really starts moving. Chromium holds
 * the first frame a while as its audio output starts (measured headless with sound:
 * 70-90 ms whether the element was armed at rate 0 or not; 40 ms muted; other machines
 * differ), then runs at a constant offset. A start released that much early lands on
 * time: the frame on screen during the wait is the start frame either way.
 *
 * Learnt from every start: once the element runs steadily, the error left over is what
 * the estimate missed.
 */
/**
 * The guess before the first start has been measured: the middle of what Chromium showed
 * (40 ms muted, 70-90 ms with sound), so a first start is off by less either way.
 */
export const INITIAL_START_LATENCY_MS = 50;

export class StartLatency {
  private estimate: number;
  private learnt = false;
  /** Until this one has learnt anything, it answers with that one's estimate. */
  private fallback: StartLatency | undefined;

  /** A latency of its own once it has learnt one; `other`'s until then. */
  static after(other: StartLatency): StartLatency {
    const latency = new StartLatency();
    latency.fallback = other;
    return latency;
  }

  constructor(
    initialMs = INITIAL_START_LATENCY_MS,
    private readonly gain = 0.5,
    private readonly maxMs = 150,
  ) {
    this.estimate = initialMs;
  }

  /** How early to release a start (ms). */
  get ms(): number {
    return !this.learnt && this.fallback ? this.fallback.ms : this.estimate;
  }

  /** A start released `ms` early was found `lagMs` behind the room once it ran steadily. */
  learn(lagMs: number): void {
    if (!Number.isFinite(lagMs)) return;
    // The first measurement replaces the guess outright; later ones are smoothed.
    const gain = this.learnt ? this.gain : 1;
    const released = this.ms;
    this.learnt = true;
    this.estimate = Math.min(this.maxMs, Math.max(0, released + gain * lagMs));
  }
}
