import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { DiskByteStore, MemoryByteStore, type ByteStore } from './byte-store.js';
import { CachedFile } from './cached-file.js';

/**
 * The local copies of videos, bounded by bytes. A file is fetched once and kept while
 * the budget allows; the least recently used finished files no one is reading are
 * evicted first. Files still downloading are never evicted.
 */
export class ByteCache {
  private readonly files = new Map<string, CachedFile>();
  private bytes = 0;
  private dirReady: Promise<void> | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly dir: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** Bytes currently held. */
  get size(): number {
    return this.bytes;
  }

  get count(): number {
    return this.files.size;
  }

  /** The file for `id`, marked recently used. */
  get(id: string): CachedFile | undefined {
    const file = this.files.get(id);
    if (file) {
      this.files.delete(id);
      this.files.set(id, file);
      file.lastUsed = Date.now();
    }
    return file;
  }

  /** Adds an empty file (its download is started by the caller). */
  add(id: string): CachedFile {
    const file = new CachedFile(id);
    this.files.set(id, file);
    return file;
  }

  async createStore(id: string, expectedSize: number | undefined): Promise<ByteStore> {
    if (!this.dir) return new MemoryByteStore(expectedSize);
    const dir = this.dir;
    this.dirReady ??= mkdir(dir, { recursive: true }).then(() => undefined);
    await this.dirReady;
    return DiskByteStore.create(dir, id);
  }

  /** Counts bytes a file took, and evicts others if the budget is exceeded. */
  grew(by: number): void {
    this.bytes += by;
    if (this.bytes > this.maxBytes) this.evict();
  }

  /** Drops a file (failed, or turned passthrough). */
  remove(file: CachedFile): void {
    if (this.files.get(file.id) === file) this.files.delete(file.id);
    this.release(file);
  }

  private evict(): void {
    for (const file of [...this.files.values()]) {
      if (this.bytes <= this.maxBytes) return;
      if (file.state === 'loading' || file.readers > 0) continue;
      this.files.delete(file.id);
      this.release(file);
    }
  }

  private release(file: CachedFile): void {
    this.bytes -= file.received;
    file.received = 0;
    const store = file.store;
    file.store = undefined;
    store?.destroy().catch((error: unknown) => {
      this.logger.warn({ err: error, id: file.id }, 'could not free a cached video');
    });
  }

  async close(): Promise<void> {
    for (const file of [...this.files.values()]) this.remove(file);
    await Promise.resolve();
  }
}
