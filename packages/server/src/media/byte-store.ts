import { randomBytes } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Where one cached file's bytes live: appended in order, read at any offset. */
export interface ByteStore {
  append(chunk: Buffer): Promise<void>;
  /** Up to `length` bytes from `start` (only bytes already appended). */
  read(start: number, length: number): Promise<Buffer>;
  destroy(): Promise<void>;
}

/** Bytes in memory: one buffer, sized from Content-Length when known, grown otherwise. */
export class MemoryByteStore implements ByteStore {
  private buffer: Buffer;
  private length = 0;

  constructor(expectedSize: number | undefined) {
    this.buffer = Buffer.allocUnsafe(expectedSize ?? 1024 * 1024);
  }

  append(chunk: Buffer): Promise<void> {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.max(this.buffer.length * 2, this.length + chunk.length),
      );
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.length);
    this.length += chunk.length;
    return Promise.resolve();
  }

  read(start: number, length: number): Promise<Buffer> {
    // A view, not a copy: bytes below `this.length` never change once written.
    return Promise.resolve(this.buffer.subarray(start, Math.min(this.length, start + length)));
  }

  destroy(): Promise<void> {
    this.buffer = Buffer.alloc(0);
    return Promise.resolve();
  }
}

/** Bytes in a file under the cache directory, deleted when evicted. */
export class DiskByteStore implements ByteStore {
  private length = 0;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  static async create(dir: string, id: string): Promise<DiskByteStore> {
    const path = join(dir, `${id}-${randomBytes(4).toString('hex')}.mp4.part`);
    return new DiskByteStore(await open(path, 'w+'), path);
  }

  append(chunk: Buffer): Promise<void> {
    const position = this.length;
    this.length += chunk.length;
    this.writes = this.writes.then(async () => {
      await this.handle.write(chunk, 0, chunk.length, position);
    });
    return this.writes;
  }

  async read(start: number, length: number): Promise<Buffer> {
    await this.writes;
    const size = Math.max(0, Math.min(length, this.length - start));
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await this.handle.read(buffer, 0, size, start);
    return buffer.subarray(0, bytesRead);
  }

  async destroy(): Promise<void> {
    await this.writes.catch(() => undefined);
    await this.handle.close();
    await unlink(this.path);
  }
}
