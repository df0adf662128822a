import { LRUCache } from 'lru-cache';
import type { CachedResolve, VideoCache } from './video-cache.js';

/** The cache in this process: an LRU of `capacity` ids, each kept until its own expiry. */
export class MemoryVideoCache implements VideoCache {
  private readonly entries: LRUCache<string, CachedResolve>;

  constructor(
    capacity: number,
    private readonly now: () => number,
  ) {
    // The resolver's clock (tests move it by hours), read on every check.
    this.entries = new LRUCache({ max: capacity, ttlResolution: 0, perf: { now } });
  }

  get localEntries(): number {
    return this.entries.size;
  }

  get(id: string): Promise<CachedResolve | undefined> {
    return Promise.resolve(this.entries.get(id));
  }

  set(id: string, value: CachedResolve, expiresAt: number): Promise<void> {
    const ttl = Math.ceil(expiresAt - this.now());
    if (ttl > 0) this.entries.set(id, value, { ttl });
    else this.entries.delete(id);
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.entries.delete(id);
    return Promise.resolve();
  }
}
