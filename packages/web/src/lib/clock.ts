/**
 * NTP-style estimate of the offset between this browser's clock and the server's,
 * over the socket's `time_sync` ping. The server's playback state is stamped with
 * server time; `ServerClock.now()` is what every position computation uses.
 *
 * Each ping yields `offset = serverTime - (sentAt + receivedAt) / 2`, exact when the
 * path is symmetric; its error is at most half the round trip, so the samples with the
 * lowest round trip of a recent window are the ones to trust. One of them alone still
 * carries its own jitter (measured behind a 75 ms path with 10% jitter each way: two
 * samples 0.5 ms apart in round trip were 6 ms apart in offset), so the estimate is the
 * mean offset of the samples within a small margin of the lowest round trip.
 *
 * The first burst sends its pings all at once rather than one after the other: a page
 * that has just opened knows the server's time one round trip later, not five. But a
 * page that has just opened is busy, and an answer it handles late looks like a slow,
 * lopsided round trip; so a few more bursts follow in the first seconds, when the page is
 * idle, with their pings a little apart (the server answers one event of a connection
 * at a time, so pings sent together queue behind each other there). The local clock
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

/** Round trips within this much of the lowest count as the lowest: ms, and share of it. */
export const LOW_RTT_MARGIN = { ms: 2, share: 0.05 } as const;

/**
 * Server clock minus local clock (ms): the mean offset of the samples whose round trip is
 * within `LOW_RTT_MARGIN` of the lowest; undefined without samples.
 */
export function estimateOffset(samples: readonly ClockSample[]): number | undefined {
  const best = bestSample(samples);
  if (!best) return undefined;
  const limit = best.rtt + Math.max(LOW_RTT_MARGIN.ms, best.rtt * LOW_RTT_MARGIN.share);
  let sum = 0;
  let count = 0;
  for (const sample of samples) {
    if (sample.rtt > limit) continue;
    sum += sample.offset;
    count++;
  }
  return sum / count;
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
  /** Extra bursts this long after the first (ms), while the first estimate may be poor. */
  followUpMs?: readonly number[];
  /** Gap between the pings of a later burst (ms). */
  spacingMs?: number;
  /** Samples kept; older ones are dropped so the estimate follows clock drift. */
  windowSize?: number;
  /** Called after each burst with its own best sample (the RTT players report). */
  onBurst?: (best: ClockSample) => void;
}

export const CLOCK_DEFAULTS = {
  initialPings: 5,
  refreshPings: 3,
  refreshIntervalMs: 30_000,
  followUpMs: [1_500, 4_000, 10_000],
  spacingMs: 25,
  windowSize: 12,
} as const;

export class ServerClock {
  private samples: ClockSample[] = [];
  private best: ClockSample | undefined;
  private estimate: number | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private followUps: ReturnType<typeof setTimeout>[] = [];
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
    return this.estimate ?? 0;
  }

  /**
   * The lowest round trip of the window, ms (the offset's samples are within a margin of
   * it); undefined before the first answer.
   */
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
    this.estimate = estimateOffset(this.samples);
  }

  /**
   * `count` pings, `spacingMs` apart (0: all at once); a burst already running is
   * joined, not doubled.
   */
  sync(count: number, spacingMs: number = this.options.spacingMs): Promise<void> {
    this.running ??= this.burst(count, spacingMs).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The local clock this estimate is relative to. */
  local(): number {
    return this.localNow();
  }

  /** First burst now (all at once), a few follow-ups, then a refresh every `refreshIntervalMs`. */
  start(): Promise<void> {
    this.stop();
    const refresh = () => {
      void this.sync(this.options.refreshPings);
    };
    this.timer = setInterval(refresh, this.options.refreshIntervalMs);
    this.followUps = this.options.followUpMs.map((ms) => setTimeout(refresh, ms));
    return this.sync(this.options.initialPings, 0);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const followUp of this.followUps) clearTimeout(followUp);
    this.followUps = [];
  }

  private async burst(count: number, spacingMs: number): Promise<void> {
    const pings = Array.from({ length: Math.max(1, count) }, (_, i) =>
      i === 0 || spacingMs <= 0 ? this.pingOnce() : this.later(i * spacingMs),
    );
    const samples = (await Promise.all(pings)).filter((s): s is ClockSample => s !== undefined);
    const best = bestSample(samples);
    if (best) this.onBurst?.(best);
  }

  private later(ms: number): Promise<ClockSample | undefined> {
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve(this.pingOnce());
      }, ms);
    });
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
