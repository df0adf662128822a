import type { ProtocolError } from '@wt/protocol';
import type { ResolvedEntry } from '../types.js';

/** What the resolver remembers about one video id: its answer, or a definite failure. */
export type CachedResolve =
  { kind: 'video'; entry: ResolvedEntry } | { kind: 'failure'; error: ProtocolError };

/**
 * The resolved-video cache, keyed by video id: in this process (`MemoryVideoCache`) or
 * shared by every process through Redis (`RedisVideoCache`). One contract test suite
 * (test/resolver/video-cache.contract.ts) holds both to the same behaviour.
 */
export interface VideoCache {
  /** The value stored for `id`, or undefined when there is none, it expired or is unreadable. */
  get(id: string): Promise<CachedResolve | undefined>;
  /** Stores `value` until `expiresAt` (unix ms, the resolver's clock); a past time stores nothing. */
  set(id: string, value: CachedResolve, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Entries held in this process's memory (0 when they live in Redis). */
  readonly localEntries: number;
}
