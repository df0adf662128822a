import { performance } from 'node:perf_hooks';
import { AppError, ErrorCode } from '@wt/protocol';
import PQueue from 'p-queue';

export interface WorkQueueOptions {
  concurrency: number;
  /** Deadline of one job: how long it may run, counted from when it starts, minus time on hold. */
  timeoutMs: number;
  /** Jobs allowed to wait; more are refused at once. */
  maxWaiting: number;
  timeoutMessage: string;
}

/**
 * The deadline of one job: `signal` aborts with the expiry error once the job has run for
 * `timeoutMs`. Time spent in `hold(...)` is not counted: a browser job holds its deadline
 * while it waits for Chromium to launch, which is the pool's cost with its own deadline.
 */
export class JobDeadline {
  private readonly controller = new AbortController();
  private remainingMs: number;
  private runningSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private holds = 0;
  private ended = false;

  constructor(
    timeoutMs: number,
    private readonly expiry: () => Error,
  ) {
    this.remainingMs = timeoutMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts (or resumes) the clock. */
  start(): void {
    if (this.ended || this.holds > 0 || this.runningSince !== undefined) return;
    this.runningSince = performance.now();
    this.timer = setTimeout(
      () => {
        this.runningSince = undefined;
        this.ended = true;
        this.controller.abort(this.expiry());
      },
      Math.max(0, this.remainingMs),
    );
  }

  /** Awaits `wait()` with the clock stopped; it must be bounded by a deadline of its own. */
  async hold<T>(wait: () => Promise<T>): Promise<T> {
    this.stop();
    this.holds++;
    try {
      return await wait();
    } finally {
      this.holds--;
      this.start();
    }
  }

  /** The job is over: the clock stops for good. */
  end(): void {
    this.stop();
    this.ended = true;
  }

  private stop(): void {
    if (this.runningSince === undefined) return;
    clearTimeout(this.timer);
    this.remainingMs -= performance.now() - this.runningSince;
    this.runningSince = undefined;
  }
}

/**
 * A bounded pool of workers. Each job gets a deadline (its AbortSignal fires then); the
 * caller is answered with TIMEOUT then even if the job ignores the signal.
 */
export class WorkQueue {
  private readonly queue: PQueue;

  constructor(private readonly options: WorkQueueOptions) {
    this.queue = new PQueue({ concurrency: options.concurrency });
  }

  /** Jobs waiting plus jobs running. */
  get length(): number {
    return this.queue.size + this.queue.pending;
  }

  run<T>(job: (signal: AbortSignal, deadline: JobDeadline) => Promise<T>): Promise<T> {
    if (this.queue.size >= this.options.maxWaiting) {
      return Promise.reject(
        new AppError(
          ErrorCode.RATE_LIMITED,
          'The server is busy resolving other videos. Try again in a moment.',
        ),
      );
    }
    return this.queue.add(() => this.withDeadline(job));
  }

  private withDeadline<T>(
    job: (signal: AbortSignal, deadline: JobDeadline) => Promise<T>,
  ): Promise<T> {
    const deadline = new JobDeadline(
      this.options.timeoutMs,
      () => new AppError(ErrorCode.TIMEOUT, this.options.timeoutMessage),
    );
    const { signal } = deadline;
    return new Promise<T>((resolve, reject) => {
      const onExpiry = (): void => {
        const reason: unknown = signal.reason;
        reject(reason instanceof Error ? reason : new Error('job deadline passed'));
      };
      signal.addEventListener('abort', onExpiry, { once: true });
      const settle = (): void => {
        deadline.end();
        signal.removeEventListener('abort', onExpiry);
      };
      deadline.start();
      job(signal, deadline).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async onIdle(): Promise<void> {
    await this.queue.onIdle();
  }

  clear(): void {
    this.queue.clear();
  }
}
