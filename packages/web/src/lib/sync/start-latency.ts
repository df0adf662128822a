/**
 * The guess before this browser has measured a start: what Chromium showed with sound
 * (70-90 ms headless; the sync bench's pages measured 75-90 ms at their first start).
 * With 50 (between that and 40 ms muted) every page's first start landed 20-40 ms late
 * and was caught up by a pulse of 5-33% for 100-500 ms: with pitch correction off while
 * nudging, a chirp at the party's first frame. A muted start, the rarer one, has no sound
 * to chirp.
 */
export const INITIAL_START_LATENCY_MS = 80;

/**
 * What a browser learnt about its start latency (ms), kept across visits: of a start in
 * place, and of a switch to the preloaded element, with sound and muted (see
 * `StartLatencies`). Undefined: not measured yet.
 */
export interface LearntStartLatency {
  start: number | undefined;
  switch: number | undefined;
  mutedStart?: number | undefined;
  mutedSwitch?: number | undefined;
}

/** Where the engine keeps what it learnt (the page's `localStorage`). */
export interface StartLatencyMemory {
  load(): LearntStartLatency;
  save(learnt: LearntStartLatency): void;
}

export interface StartLatencyOptions {
  /** The guess until a start has been measured. */
  initialMs?: number;
  /** What this browser learnt before (see `start-latency-memory.ts`): counts as learnt. */
  rememberedMs?: number | undefined;
  /** Told the estimate after each measurement. */
  onLearnt?: (ms: number) => void;
  /** Weight of a new measurement once one has been learnt. */
  gain?: number;
  maxMs?: number;
}

/** The most a start is released early (ms): anything longer is a measurement gone wrong. */
export const MAX_START_LATENCY_MS = 150;

/**
 * How long after its rate is set this page's media really starts moving. Chromium holds
 * the first frame a while as its audio output starts (measured headless with sound:
 * 70-90 ms whether the element was armed at rate 0 or not; 40 ms muted; other machines
 * differ), then runs at a constant offset. A start released that much early lands on
 * time: the frame on screen during the wait is the start frame either way.
 *
 * Only on average, with sound: such a start begins on the next callback of the audio
 * output, whose phase the page cannot read (headless: a grid of 23.22 ms, 1024 frames at
 * 44.1 kHz, hit to 0.05 ms; `npm run bench -- start-grid`). So one start lands anywhere
 * in a window of that period around its aim, and the landing pulses take the rest. A muted
 * start does not use the audio output: it lands within 0.3 ms. Switches with sound are
 * aimed at the grid once the page has learnt it (`AudioGrid`), and then teach no latency.
 *
 * Learnt from every start: once the element runs steadily, the error left over is what
 * the estimate missed.
 */
export class StartLatency {
  private estimate: number;
  private learnt: boolean;
  /** Until this one has learnt anything, it answers with that one's estimate. */
  private fallback: StartLatency | undefined;
  private readonly gain: number;
  private readonly maxMs: number;

  /** A latency of its own once it has learnt one; `other`'s until then. */
  static after(other: StartLatency, options: StartLatencyOptions = {}): StartLatency {
    const latency = new StartLatency(options);
    latency.fallback = other;
    return latency;
  }

  constructor(private readonly options: StartLatencyOptions = {}) {
    this.gain = options.gain ?? 0.5;
    this.maxMs = options.maxMs ?? MAX_START_LATENCY_MS;
    const remembered = options.rememberedMs;
    this.learnt = remembered !== undefined;
    this.estimate = this.bounded(remembered ?? options.initialMs ?? INITIAL_START_LATENCY_MS);
  }

  /** How early to release a start (ms). */
  get ms(): number {
    return !this.learnt && this.fallback ? this.fallback.ms : this.estimate;
  }

  /** The estimate once measured (here or remembered); undefined while it is a guess. */
  get learntMs(): number | undefined {
    return this.learnt ? this.estimate : undefined;
  }

  /** A start released `ms` early was found `lagMs` behind the room once it ran steadily. */
  learn(lagMs: number): void {
    if (!Number.isFinite(lagMs)) return;
    // The first measurement replaces the guess outright; later ones are smoothed.
    const gain = this.learnt ? this.gain : 1;
    const released = this.ms;
    this.learnt = true;
    this.estimate = this.bounded(released + gain * lagMs);
    this.options.onLearnt?.(this.estimate);
  }

  private bounded(ms: number): number {
    return Math.min(this.maxMs, Math.max(0, ms));
  }
}
