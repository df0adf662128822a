import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Histogram } from './histogram.js';
import type { WorkerStats } from './ipc.js';

/** What one generator worker counts; only events of the measurement window count. */
export class Tally {
  measureFrom = Number.POSITIVE_INFINITY;
  measureUntil = Number.NEGATIVE_INFINITY;
  joined = 0;
  disconnects = 0;
  sent = 0;
  expected = 0;
  received = 0;
  playerStates = 0;
  /** Packets of room changes received (`room_delta` or `room_deltas`), at any time. */
  deltaPackets = 0;
  readonly latency = new Histogram();
  readonly pingRtt = new Histogram();
  readonly refused = new Map<string, number>();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  /** Measure from `from` until `until` (epoch ms); the loop delay from `from` on. */
  window(from: number, until: number): void {
    this.measureFrom = from;
    this.measureUntil = until;
    setTimeout(
      () => {
        this.loopDelay.reset();
        this.loopDelay.enable();
      },
      Math.max(0, from - now()),
    );
    setTimeout(
      () => {
        this.loopDelay.disable();
      },
      Math.max(0, until - now()),
    );
  }

  inWindow(time: number): boolean {
    return time >= this.measureFrom && time < this.measureUntil;
  }

  refuse(code: string): void {
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
  }

  stats(): WorkerStats {
    return {
      joined: this.joined,
      disconnects: this.disconnects,
      sent: this.sent,
      expected: this.expected,
      received: this.received,
      latency: this.latency.toSparse(),
      pingRtt: this.pingRtt.toSparse(),
      refused: Object.fromEntries(this.refused),
      playerStates: this.playerStates,
      deltaPackets: this.deltaPackets,
      loopDelayP99: this.loopDelay.count > 0 ? this.loopDelay.percentile(99) / 1e6 : 0,
    };
  }
}

/** The generator's clock: shared by its processes (the machine's), sub-millisecond. */
export const now = (): number => performance.timeOrigin + performance.now();
