/**
 * NTP-style estimate of the offset between this browser's clock and the server's,
 * over the socket's `time_sync` ping. The server's playback state is stamped with
 * server time; `ServerClock.now()` is what every position computation uses.
 *
 * Each ping yields `offset = serverTime - (sentAt + receivedAt) / 2`, exact when the
 * path is symmetric; its error is at most half the round trip, so the sample with
 * the lowest round trip of a recent window wins.
 *
 * A burst sends its pings all at once rather than one after the other: a page that has
 * just opened knows the server's time one round trip later, not five. The local clock
 * is `performance.timeOrigin + performance.now()`: monotonic and finer than a
 * millisecond, which the sync engine needs to measure a few milliseconds of error.
 */

export interface ClockSample {
  /** Server clock minus local clock, ms. */
  offset: number;
  /** Round-trip time of the ping, ms. */
  rtt: number;
  /** Local time the answer arrived. */
  receivedAt: number;
}

export function sampleFromPing(
  sentAt: number,
  serverTime: number,
  receivedAt: number,
): ClockSample {
  return {
    offset: serverTime - (sentAt + receivedAt) / 2,
    rtt: Math.max(0, receivedAt - sentAt),
    receivedAt,
  };
}

/** The lowest-delay sample; on a tie the newest. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | undefined {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (
      !best ||
      sample.rtt < best.rtt ||
      (sample.rtt === best.rtt && sample.receivedAt > best.receivedAt)
    ) {
      best = sample;
    }
  }
  return best;
}

/** Sends one ping; resolves to the server's time, or undefined if it failed. */
export type Ping = (clientTime: number) => Promise<number | undefined>;

/** Milliseconds since the epoch, monotonic and sub-millisecond. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface ServerClockOptions {
  ping: Ping;
  /** Local clock (ms since the epoch). */
  localNow?: () => number;
  /** Pings of the first burst. */
  initialPings?: number;
  /** Pings of each later refresh. */
  refreshPings?: number;
  refreshIntervalMs?: number;
  /** Samples kept; older ones are dropped so the estimate follows clock drift. */
  windowSize?: number;
  /** Called after each burst with its own best sample (the RTT players report). */
  onBurst?: (best: ClockSample) => void;
}

export const CLOCK_DEFAULTS = {
  initialPings: 5,
  refreshPings: 2,
  refreshIntervalMs: 30_000,
  windowSize: 10,
} as const;

export class ServerClock {
  private samples: ClockSample[] = [];
  private best: ClockSample | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;
  private readonly localNow: () => number;
  private readonly onBurst: ((best: ClockSample) => void) | undefined;
  private readonly options: Required<Omit<ServerClockOptions, 'localNow' | 'onBurst'>>;

  constructor(options: ServerClockOptions) {
    this.localNow = options.localNow ?? preciseNow;
    this.onBurst = options.onBurst;
    this.options = { ...CLOCK_DEFAULTS, ...options };
  }

  /** Server clock minus local clock, ms (0 until the first answer). */
  get offset(): number {
    return this.best?.offset ?? 0;
  }

  /** Round trip of the sample in use, ms; undefined before the first answer. */
  get rtt(): number | undefined {
    return this.best?.rtt;
  }

  get synced(): boolean {
    return this.best !== undefined;
  }

  /** The server's clock now, as far as we can tell. */
  now(): number {
    return this.localNow() + this.offset;
  }

  /** Records one measurement (exposed for tests and for callers with their own pings). */
  addSample(sample: ClockSample): void {
    this.samples = [...this.samples, sample].slice(-this.options.windowSize);
    this.best = bestSample(this.samples);
  }

  /** `count` pings at once; a burst already running is joined, not doubled. */
  sync(count: number): Promise<void> {
    this.running ??= this.burst(count).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The local clock this estimate is relative to. */
  local(): number {
    return this.localNow();
  }

  /** First burst now, then a refresh every `refreshIntervalMs`. */
  start(): Promise<void> {
    this.stop();
    this.timer = setInterval(() => {
      void this.sync(this.options.refreshPings);
    }, this.options.refreshIntervalMs);
    return this.sync(this.options.initialPings);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async burst(count: number): Promise<void> {
    const pings = Array.from({ length: Math.max(1, count) }, () => this.pingOnce());
    const samples = (await Promise.all(pings)).filter((s): s is ClockSample => s !== undefined);
    const best = bestSample(samples);
    if (best) this.onBurst?.(best);
  }

  /** One ping; each answer is recorded as soon as it arrives. */
  private async pingOnce(): Promise<ClockSample | undefined> {
    const sentAt = this.localNow();
    let serverTime: number | undefined;
    try {
      serverTime = await this.options.ping(sentAt);
    } catch {
      // A lost or refused ping is simply not a sample; the others still count.
      serverTime = undefined;
    }
    if (serverTime === undefined) return undefined;
    const sample = sampleFromPing(sentAt, serverTime, this.localNow());
    this.addSample(sample);
    return sample;
  }
}
