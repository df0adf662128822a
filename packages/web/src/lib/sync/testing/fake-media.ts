import type { BufferedRanges, MediaParts, MediaView, SyncMedia } from '../media';

/** How a fake element behaves: load and seek delays, a clip length, an autoplay policy. */
export interface FakeMediaOptions {
  durationS?: number;
  loadMs?: number;
  seekMs?: number;
  refusePlay?: boolean;
  /** The first frame holds this long after the element starts moving (Chromium's audio start). */
  startLagMs?: number;
  /** Whether the whole clip is buffered once its metadata is (default: yes, a short clip). */
  bufferedWhole?: boolean;
  /** Every load fails after `loadMs` (the server answers an error): `error`, no metadata. */
  failLoad?: boolean;
  /**
   * An audio output on a grid of callbacks (ms on `Date.now()`): a start with sound (not
   * muted, volume above 0) begins on the first grid point at least `delayMs` after its
   * rate is set, as Chromium's does; `startLagMs` is then unused for such starts.
   */
  audioOutput?: AudioOutput;
}

export interface AudioOutput {
  periodMs: number;
  phaseMs: number;
  delayMs: number;
}

/**
 * A `<video>` stand-in on the (fake) timers of `Date.now()` and `setTimeout`: it loads,
 * seeks, plays at its rate and stops at its end like Chromium's element does, and logs
 * the moments that matter (rate changes, shown or hidden) for the tests to check.
 */
export class FakeMedia implements SyncMedia, MediaView {
  preservesPitch = true;
  muted = false;
  volume = 1;
  preload: '' | 'none' | 'metadata' | 'auto' = 'auto';
  readyState = 0;
  seeking = false;
  duration = Number.NaN;
  paused = true;
  shown = false;
  error: { code: number } | null = null;
  src: string | undefined;
  /** Each rate set, with whether pitch correction was on as it was made. */
  readonly rateLog: { at: number; rate: number; preservesPitch: boolean; muted: boolean }[] = [];
  readonly shownLog: { at: number; shown: boolean }[] = [];
  readonly seekLog: { at: number; to: number }[] = [];
  private base = 0;
  private since = Date.now();
  private rate = 1;
  private frozenUntil = 0;
  private defaultStart = 0;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private seekTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(readonly options: FakeMediaOptions = {}) {}

  get currentTime(): number {
    if (this.readyState === 0) return this.defaultStart;
    const moving = !this.paused && !this.seeking && this.readyState >= 3;
    const from = Math.max(this.since, this.frozenUntil);
    const position = moving
      ? this.base + (Math.max(0, Date.now() - from) / 1000) * this.rate
      : this.base;
    return Number.isFinite(this.duration) ? Math.min(position, this.duration) : position;
  }

  set currentTime(value: number) {
    if (this.readyState === 0) {
      this.defaultStart = value;
      return;
    }
    this.rebase();
    this.base = value;
    this.seeking = true;
    this.seekLog.push({ at: Date.now(), to: value });
    if (this.seekTimer !== undefined) clearTimeout(this.seekTimer);
    this.emit('seeking');
    this.seekTimer = setTimeout(() => {
      this.seekTimer = undefined;
      this.seeking = false;
      this.readyState = 4;
      this.since = Date.now();
      this.emit('seeked');
      this.emit('canplay');
    }, this.options.seekMs ?? 20);
  }

  /** Nothing before the metadata; then the whole clip, or only its first second. */
  get buffered(): BufferedRanges {
    const end =
      this.readyState === 0 || !Number.isFinite(this.duration)
        ? 0
        : this.options.bufferedWhole === false
          ? Math.min(1, this.duration)
          : this.duration;
    return end === 0
      ? { length: 0, start: () => 0, end: () => 0 }
      : { length: 1, start: () => 0, end: () => end };
  }

  get playbackRate(): number {
    return this.rate;
  }

  set playbackRate(value: number) {
    this.rebase();
    if (this.rate === 0 && value > 0 && !this.paused) this.holdFirstFrame();
    this.rate = value;
    this.rateLog.push({
      at: Date.now(),
      rate: value,
      preservesPitch: this.preservesPitch,
      muted: this.muted,
    });
  }

  play(): Promise<void> {
    if (this.options.refusePlay === true) {
      return Promise.reject(new DOMException('Tap first', 'NotAllowedError'));
    }
    this.rebase();
    if (this.paused && this.rate > 0) this.holdFirstFrame();
    this.paused = false;
    this.emit('play');
    return Promise.resolve();
  }

  pause(): void {
    this.rebase();
    this.paused = true;
    this.emit('pause');
  }

  load(): void {
    this.readyState = 0;
  }

  getAttribute(name: string): string | null {
    return name === 'src' ? (this.src ?? null) : null;
  }

  setAttribute(name: string, value: string): void {
    if (name !== 'src') return;
    this.src = value;
    this.readyState = 0;
    this.base = 0;
    this.defaultStart = 0;
    this.paused = true;
    this.duration = Number.NaN;
    this.error = null;
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => {
      this.loadTimer = undefined;
      if (this.options.failLoad === true) {
        // MEDIA_ERR_SRC_NOT_SUPPORTED: what Chromium reports for an error status.
        this.error = { code: 4 };
        this.emit('error');
        return;
      }
      this.readyState = 1;
      this.duration = this.options.durationS ?? 10;
      // As in Chromium, the seek to the default start position has begun by `loadedmetadata`.
      if (this.defaultStart > 0) {
        this.currentTime = this.defaultStart;
        this.emit('loadedmetadata');
      } else {
        this.readyState = 4;
        this.since = Date.now();
        this.emit('loadedmetadata');
        this.emit('canplay');
      }
    }, this.options.loadMs ?? 100);
  }

  removeAttribute(name: string): void {
    if (name === 'src') this.src = undefined;
  }

  addEventListener(type: string, listener: () => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  setShown(shown: boolean): void {
    this.shown = shown;
    this.shownLog.push({ at: Date.now(), shown });
  }

  /** The last time the rate was set to `rate`. */
  lastRateAt(rate: number): number | undefined {
    return this.rateLog.filter((entry) => entry.rate === rate).at(-1)?.at;
  }

  /**
   * The network starves the element for `ms` while it plays: it holds its frame with too
   * little data (`waiting`), then has enough again and moves on from there (`playing`).
   */
  stall(ms: number): void {
    this.rebase();
    this.readyState = 2;
    this.emit('waiting');
    setTimeout(() => {
      this.since = Date.now();
      this.readyState = 4;
      this.emit('canplay');
      this.emit('playing');
    }, ms);
  }

  emit(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }

  private holdFirstFrame(): void {
    const output = this.options.audioOutput;
    if (output && !this.muted && this.volume > 0) {
      const { periodMs, phaseMs, delayMs } = output;
      const earliest = Date.now() + delayMs;
      this.frozenUntil = phaseMs + Math.ceil((earliest - phaseMs) / periodMs) * periodMs;
      return;
    }
    this.frozenUntil = Date.now() + (this.options.startLagMs ?? 0);
  }

  private rebase(): void {
    this.base = this.currentTime;
    this.since = Date.now();
  }
}

export function fakeParts(media: FakeMedia): MediaParts {
  return { media, view: media };
}
