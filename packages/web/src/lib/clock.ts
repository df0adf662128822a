/**
 * NTP-style estimate of the offset between this browser's clock and the server's,
 * over the socket's `time_sync` ping. The server's playback state is stamped with
 * server time; `ServerClock.now()` is what every position computation uses.
 *
 * Each ping yields `offset = serverTime - (sentAt + receivedAt) / 2`, exact when the
 * path is symmetric; its error is at most half the round trip, so the sample with
 * the lowest round trip of a recent window wins.
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
  private readonly options: Required<Omit<ServerClockOptions, 'localNow'>>;

  constructor(options: ServerClockOptions) {
    this.localNow = options.localNow ?? Date.now;
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

  /** `count` pings one after the other; a burst already running is joined, not doubled. */
  sync(count: number): Promise<void> {
    this.running ??= this.burst(count).finally(() => {
      this.running = undefined;
    });
    return this.running;
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
    for (let i = 0; i < count; i++) {
      const sentAt = this.localNow();
      let serverTime: number | undefined;
      try {
        serverTime = await this.options.ping(sentAt);
      } catch {
        serverTime = undefined;
      }
      if (serverTime !== undefined)
        this.addSample(sampleFromPing(sentAt, serverTime, this.localNow()));
    }
  }
}
