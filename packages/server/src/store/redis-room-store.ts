import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@wt/protocol';
import type { RoomState } from '@wt/room';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  DELETE_IF_UNCHANGED,
  READ_IF_CHANGED,
  TOUCH,
  WRITE_IF_UNCHANGED,
  readReply,
  writeReply,
} from './redis-room-scripts.js';
import { decodeRoom, encodeRoom } from './room-state-schema.js';
import type { RoomStore, UpdateDecision, VersionedRoom } from './room-store.js';
import { UpdateLanes, type LaneStep } from './update-lanes.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An update waiting in its room's lane: applied to the state its batch has reached. */
interface BatchStep extends LaneStep {
  apply(
    current: RoomState | undefined,
    revision: number,
  ): { state: RoomState | undefined; settle: () => void };
}

/** A batch applied in order: the last state, how many steps wrote, each one's settle. */
interface FoldedBatch {
  state: RoomState | undefined;
  writes: number;
  settles: Array<() => void>;
}

/**
 * Applies the steps one after the other, each to the state (and revision) the ones before
 * it left. A step that throws (a bug) is rejected alone; the others go on.
 */
function foldBatch(
  steps: readonly BatchStep[],
  read: RoomState | undefined,
  revision: number,
): FoldedBatch {
  let state = read;
  let writes = 0;
  const settles: Array<() => void> = [];
  for (const step of steps) {
    let applied: ReturnType<BatchStep['apply']>;
    try {
      applied = step.apply(state, revision + writes);
    } catch (error: unknown) {
      settles.push(() => {
        step.reject(error);
      });
      continue;
    }
    if (applied.state) {
      state = applied.state;
      writes++;
    }
    settles.push(applied.settle);
  }
  return { state, writes, settles };
}

/** The revision counter as stored (INCR keeps it a decimal integer). */
function revisionOf(raw: string): number {
  const revision = Number(raw);
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new Error(`corrupt room revision ${JSON.stringify(raw)}`);
  }
  return revision;
}

export interface RedisRoomStoreOptions {
  /** Rooms nobody wrote for this long expire (`ROOM_IDLE_SECONDS`); unset: never. */
  idleMs?: number;
  maxRetries?: number;
  clock?: () => number;
}

/** Errors of a Redis that is away (or too slow), as opposed to a bug or corrupt data. */
function isConnectionFailure(redis: Redis, error: unknown): boolean {
  if (redis.status !== 'ready') return true;
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /timed out|Connection is closed|Stream isn't writeable/i.test(error.message)
  );
}

/**
 * How much room text is kept decoded: every room of a busy process (18,000 people in rooms
 * of 10 are 1,800 rooms of a few KB each), or a few rooms of a thousand people (about
 * 100 KB each). Counted by the text's length, not by rooms, so big rooms cannot crowd out
 * the memory and small ones are never evicted only because there are many.
 */
const DECODED_CACHE_CHARS = 64 * 1024 * 1024;

/** A room as read or written: its state (none: no room), revision and write stamp. */
interface Reading {
  state: RoomState | undefined;
  rev: string;
  stamp: string;
}

/** Rooms in Redis, shared by every process: one JSON value and one revision per room. */
export class RedisRoomStore implements RoomStore {
  private readonly idleMs: number;
  private readonly maxRetries: number;
  private readonly clock: () => number;

  /**
   * The last state read or written per room, with the revision and stamp of its write
   * (parsing a big room, a thousand members and the chat, costs milliseconds; see `read`).
   */
  private readonly decoded = new LRUCache<string, Reading & { state: RoomState }>({
    max: 100_000,
    maxSize: DECODED_CACHE_CHARS,
  });
  /** This process's updates of each room, run in batches (see `update`). */
  private readonly lanes = new UpdateLanes<BatchStep>((roomId, steps) =>
    this.updateBatch(roomId, steps),
  );

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'wt:',
    options: RedisRoomStoreOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 0;
    this.maxRetries = options.maxRetries ?? 100;
    this.clock = options.clock ?? Date.now;
  }

  /** The room's text, its revision, the index of rooms, the stamp of its last write. */
  private keys(roomId: string): [string, string, string, string] {
    return [
      `${this.prefix}room:${roomId}`,
      `${this.prefix}room-rev:${roomId}`,
      `${this.prefix}rooms-by-activity`,
      `${this.prefix}room-stamp:${roomId}`,
    ];
  }

  /** Runs Redis work; a Redis that is away becomes a typed `UNAVAILABLE`. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      if (!isConnectionFailure(this.redis, error)) throw error;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'The room service is away for a moment; try again shortly.',
        { cause: error },
      );
    }
  }

  /**
   * The room, its revision and stamp. The state last read or written here is used again
   * while its write is still the room's last (same revision and stamp): then only those cross.
   */
  private async read(roomId: string): Promise<Reading> {
    const known = this.decoded.get(roomId);
    const reply: unknown = await this.guard(() =>
      this.redis.eval(
        READ_IF_CHANGED,
        4,
        ...this.keys(roomId),
        known?.rev ?? '',
        known?.stamp ?? '',
      ),
    );
    const [rev, stamp, raw] = readReply.parse(reply);
    if (raw === undefined) {
      if (!known) throw new Error(`room ${roomId}: unchanged from a read this process never made`);
      return known;
    }
    return this.remember(roomId, rev, stamp, raw);
  }

  /** A room's text as Redis sent it: decoded, and kept for the next read. */
  private remember(roomId: string, rev: string, stamp: string, raw: string | null): Reading {
    if (raw === null) {
      this.decoded.delete(roomId);
      return { state: undefined, rev, stamp };
    }
    const state = decodeRoom(raw);
    if (state) this.decoded.set(roomId, { rev, stamp, state }, { size: raw.length });
    return { state, rev, stamp };
  }

  async get(roomId: string): Promise<RoomState | undefined> {
    return (await this.read(roomId)).state;
  }

  async has(roomId: string): Promise<boolean> {
    const [roomKey] = this.keys(roomId);
    return (await this.guard(() => this.redis.exists(roomKey))) === 1;
  }

  async getVersioned(roomId: string): Promise<VersionedRoom | undefined> {
    const { state, rev } = await this.read(roomId);
    return state ? { state, revision: revisionOf(rev) } : undefined;
  }

  /**
   * One batch of updates of a room at a time from this process: the updates that arrive
   * while one is written wait together and go in the next write (one read, one
   * compare-and-set, the revision up by their count), so a crowd joining through one
   * process costs one round of Redis calls per batch instead of per join, and writers of
   * one process never race each other's compare-and-set. Writers of other processes still
   * can; they retry, after a short random pause. Each update still sees the state and
   * revision its predecessors in the batch left, and gets its own result.
   */
  update<T>(
    roomId: string,
    decide: (current: RoomState | undefined, revision: number) => UpdateDecision<T>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes.push(roomId, {
        apply: (current, revision) => {
          const { state, result } = decide(current, revision);
          return {
            state,
            settle: () => {
              resolve(result);
            },
          };
        },
        reject,
      });
    });
  }

  /**
   * A batch is folded on the room as this process last read or wrote it, and written at
   * once, checked against it: while this process is the room's only writer (every room
   * whose people are all on it) an update is one call to Redis, not a read and a write.
   * When another write came between, the failed write's answer is the room as it is, and
   * the batch is folded again on that. A batch that writes nothing stands only if the
   * copy it was decided on is still the room (checked by a read, which then carries
   * only the revision and stamp). Conflicts after that retry after a short random pause,
   * with a fresh read.
   */
  private async updateBatch(roomId: string, steps: readonly BatchStep[]): Promise<void> {
    let base: Reading | undefined = this.decoded.get(roomId);
    let current = false;
    for (let attempt = 0; attempt < this.maxRetries; attempt++) {
      if (!base) {
        base = await this.read(roomId);
        current = true;
      }
      const folded = foldBatch(steps, base.state, revisionOf(base.rev));
      if (folded.writes === 0 && !current) {
        // Decided on this process's copy: it stands if that is still the room.
        const now = await this.read(roomId);
        current = true;
        if (now.rev !== base.rev || now.stamp !== base.stamp) {
          base = now;
          continue;
        }
      }
      const outcome = folded.writes > 0 ? await this.write(roomId, base, folded) : 'written';
      if (outcome === 'written') {
        for (const settle of folded.settles) settle();
        return;
      }
      current = attempt === 0;
      if (current) {
        base = outcome;
      } else {
        base = undefined;
        await pause(Math.random() * Math.min(50, 2 * attempt));
      }
    }
    throw new Error(`room ${roomId} is too busy: ${this.maxRetries} conflicting writes in a row`);
  }

  /**
   * Writes the batch's last state if the room is still `base` (its revision and stamp);
   * otherwise answers the room as it is now.
   */
  private async write(
    roomId: string,
    base: Reading,
    folded: FoldedBatch,
  ): Promise<'written' | Reading> {
    const { state } = folded;
    if (!state) throw new Error('a batch with writes has a state');
    const encoded = encodeRoom(state);
    const stamp = randomUUID();
    const reply: unknown = await this.guard(() =>
      this.redis.eval(
        WRITE_IF_UNCHANGED,
        4,
        ...this.keys(roomId),
        base.rev,
        encoded,
        roomId,
        String(this.idleMs),
        String(this.clock()),
        String(folded.writes),
        stamp,
        base.stamp,
      ),
    );
    const answer = writeReply.parse(reply);
    if (answer !== 1) return this.remember(roomId, ...answer);
    const rev = String(revisionOf(base.rev) + folded.writes);
    this.decoded.set(roomId, { rev, stamp, state }, { size: encoded.length });
    return 'written';
  }

  async deleteIf(roomId: string, predicate: (current: RoomState) => boolean): Promise<boolean> {
    for (let attempt = 0; attempt < this.maxRetries; attempt++) {
      const { state, rev } = await this.read(roomId);
      if (!state) {
        await this.guard(() => this.redis.zrem(this.keys(roomId)[2], roomId));
        return false;
      }
      if (!predicate(state)) return false;
      const deleted = await this.guard(() =>
        this.redis.eval(DELETE_IF_UNCHANGED, 4, ...this.keys(roomId), rev, roomId),
      );
      if (deleted === 1) return true;
    }
    return false;
  }

  async delete(roomId: string): Promise<void> {
    const [roomKey, revKey, indexKey, stampKey] = this.keys(roomId);
    await this.guard(() =>
      this.redis.multi().del(roomKey, revKey, stampKey).zrem(indexKey, roomId).exec(),
    );
  }

  /** Restarts the idle TTL of rooms that have members here, so only empty rooms expire. */
  async touch(roomId: string): Promise<void> {
    if (this.idleMs <= 0) return;
    await this.guard(() =>
      this.redis.eval(
        TOUCH,
        4,
        ...this.keys(roomId),
        String(this.idleMs),
        String(this.clock()),
        roomId,
      ),
    );
  }

  async roomIds(): Promise<string[]> {
    const index = this.keys('')[2];
    await this.pruneExpired(index);
    return this.guard(() => this.redis.zrange(index, 0, -1));
  }

  async count(): Promise<number> {
    const index = this.keys('')[2];
    await this.pruneExpired(index);
    return this.guard(() => this.redis.zcard(index));
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** Drops ids whose room expired (no write or touch for longer than the TTL). */
  private async pruneExpired(index: string): Promise<void> {
    if (this.idleMs <= 0) return;
    const before = this.clock() - this.idleMs;
    await this.guard(() => this.redis.zremrangebyscore(index, '-inf', `(${before}`));
  }
}
