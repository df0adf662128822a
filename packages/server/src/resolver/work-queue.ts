import { AppError, ErrorCode } from '@wt/protocol';
import PQueue from 'p-queue';

export interface WorkQueueOptions {
  concurrency: number;
  /** Deadline of one job, counted from when it starts running. */
  timeoutMs: number;
  /** Jobs allowed to wait; more are refused at once. */
  maxWaiting: number;
  timeoutMessage: string;
}

/**
 * A bounded pool of workers. Each job gets an AbortSignal that fires at its deadline;
 * the caller is answered with TIMEOUT then even if the job ignores the signal.
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

  run<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
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

  private withDeadline<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new AppError(ErrorCode.TIMEOUT, this.options.timeoutMessage);
        controller.abort(error);
        reject(error);
      }, this.options.timeoutMs);
      job(controller.signal).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
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
