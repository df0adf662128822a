import { realNow, type Controller } from './controller.js';

export interface Transition {
  /** The clip that ended (queue index). */
  from: number;
  /** How the next one was started. */
  how: 'auto' | 'driven';
  /** Real time the bench asked for the next clip (driven only). */
  at?: number;
}

export interface DriverOptions {
  /** The app advances by itself; the bench steps in only this long after a missed end. */
  auto: boolean;
  fallbackMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows the queue to its last clip. When the app does not advance by itself, it does
 * what a person would: at each clip's end (as the room's state says, from the
 * controller's unproxied connection) it moves the room to the next clip and plays it.
 */
export class Driver {
  readonly transitions: Transition[] = [];
  private stopped = false;
  private failure: unknown;
  private readonly done: Promise<void>;

  constructor(
    private readonly controller: Controller,
    durations: readonly number[],
    private readonly options: DriverOptions,
  ) {
    // Kept until stop(), which reports it: a failed step must not go unnoticed.
    this.done = this.run(durations).catch((error: unknown) => {
      this.failure = error;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    if (this.failure instanceof Error) throw this.failure;
    if (this.failure !== undefined) throw new Error(JSON.stringify(this.failure));
  }

  /** Read through a call: `stop()` changes it while the loop awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private async run(durations: readonly number[]): Promise<void> {
    const { controller } = this;
    for (let from = 0; from + 1 < durations.length && !this.isStopped(); from++) {
      const seconds = durations[from] ?? 0;
      const endsAt = (): number => {
        const zero = controller.clipZero();
        return zero === undefined ? Number.POSITIVE_INFINITY : zero + seconds * 1000;
      };
      const grace = this.options.auto ? this.options.fallbackMs : 0;
      // Wait for the clip to play and reach its end (plus the grace), or for the room to move on.
      for (;;) {
        if (this.isStopped() || controller.index !== from) break;
        const left = endsAt() + grace - realNow();
        if (left <= 0) break;
        await sleep(Math.min(left, 50));
      }
      if (this.isStopped()) return;
      if (controller.index !== from) {
        this.transitions.push({ from, how: 'auto' });
        continue;
      }
      const at = realNow();
      await controller.playIndex(from + 1);
      this.transitions.push({ from, how: 'driven', at });
    }
  }
}
