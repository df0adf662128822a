import { AppError, ErrorCode } from '@wt/protocol';
import type { ByteStore } from './byte-store.js';

const READ_CHUNK = 256 * 1024;

export type FileState =
  | 'loading'
  | 'complete'
  | 'failed'
  /** Too large to cache: each request is proxied to the CDN with its Range. */
  | 'passthrough';

/**
 * One video being downloaded once and read by any number of viewers at once: readers
 * get bytes as soon as they arrive, and wait (bounded by their own connection) for more.
 */
export class CachedFile {
  state: FileState = 'loading';
  /** Size in bytes, known once the CDN answered. */
  total: number | undefined;
  /** Bytes received so far. */
  received = 0;
  error: AppError | undefined;
  readers = 0;
  lastUsed = Date.now();
  store: ByteStore | undefined;
  /** Resolves once the size is known (or the download failed or turned passthrough). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private waiters: Array<() => void> = [];

  constructor(readonly id: string) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  begin(total: number | undefined, store: ByteStore): void {
    this.total = total;
    this.store = store;
    if (total !== undefined) this.markReady();
  }

  async append(chunk: Buffer): Promise<void> {
    if (!this.store) throw new Error('append before begin');
    await this.store.append(chunk);
    this.received += chunk.length;
    this.wake();
  }

  finish(): void {
    this.state = 'complete';
    this.total = this.received;
    this.markReady();
    this.wake();
  }

  fail(error: AppError): void {
    if (this.state === 'complete') return;
    this.state = 'failed';
    this.error = error;
    this.markReady();
    this.wake();
  }

  passthrough(): void {
    this.state = 'passthrough';
    this.markReady();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private waitForMore(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Keeps the file from eviction while a request uses it. */
  pin(): void {
    this.readers++;
    this.lastUsed = Date.now();
  }

  unpin(): void {
    this.readers--;
    this.lastUsed = Date.now();
  }

  /** Bytes `start..end` (inclusive), yielded as they become available. Pin the file first. */
  async *read(start: number, end: number, signal: AbortSignal): AsyncGenerator<Buffer> {
    let position = start;
    while (position <= end) {
      if (signal.aborted) return;
      if (position < this.received && this.store) {
        const length = Math.min(READ_CHUNK, end - position + 1, this.received - position);
        const chunk = await this.store.read(position, length);
        if (chunk.length === 0) break;
        position += chunk.length;
        yield chunk;
        continue;
      }
      if (this.state === 'failed' || this.state === 'passthrough') {
        throw this.error ?? new AppError(ErrorCode.UPSTREAM_ERROR, 'The video download stopped.');
      }
      if (this.state === 'complete') break;
      await this.waitForMore(signal);
    }
    if (position <= end && !signal.aborted) {
      throw new AppError(ErrorCode.UPSTREAM_ERROR, 'The cached video ended early.');
    }
  }
}
