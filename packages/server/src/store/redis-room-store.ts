import type { RoomState } from '@wt/room';
import type { Redis } from 'ioredis';
import { decodeRoom } from './room-state-schema.js';
import type { RoomStore, UpdateDecision, VersionedRoom } from './room-store.js';

/**
 * Writes the room only if its revision is still the one that was read (compare-and-set),
 * so concurrent writers from any number of processes never lose an update. WATCH/MULTI
 * would not do here: WATCH belongs to a connection, and one connection serves every
 * request of this process.
 */
const WRITE_IF_UNCHANGED = `
local rev = redis.call('GET', KEYS[2]) or '0'
if rev ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('SADD', KEYS[3], ARGV[3])
return 1`;

const DELETE_IF_UNCHANGED = `
local rev = redis.call('GET', KEYS[2]) or '0'
if rev ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[2])
return 1`;

/** The revision counter as stored (INCR keeps it a decimal integer). */
function revisionOf(raw: string): number {
  const revision = Number(raw);
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new Error(`corrupt room revision ${JSON.stringify(raw)}`);
  }
  return revision;
}

/** Rooms in Redis, shared by every process: one JSON value and one revision per room. */
export class RedisRoomStore implements RoomStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'wt:',
    private readonly maxRetries = 100,
  ) {}

  private keys(roomId: string): [string, string, string] {
    return [
      `${this.prefix}room:${roomId}`,
      `${this.prefix}room-rev:${roomId}`,
      `${this.prefix}rooms`,
    ];
  }

  private async read(roomId: string): Promise<{ state: RoomState | undefined; rev: string }> {
    const [roomKey, revKey] = this.keys(roomId);
    const [raw, rev] = await this.redis.mget(roomKey, revKey);
    return { state: decodeRoom(raw ?? null), rev: rev ?? '0' };
  }

  async get(roomId: string): Promise<RoomState | undefined> {
    return (await this.read(roomId)).state;
  }

  async getVersioned(roomId: string): Promise<VersionedRoom | undefined> {
    const { state, rev } = await this.read(roomId);
    return state ? { state, revision: revisionOf(rev) } : undefined;
  }

  async update<T>(
    roomId: string,
    decide: (current: RoomState | undefined, revision: number) => UpdateDecision<T>,
  ): Promise<T> {
    for (let attempt = 0; attempt < this.maxRetries; attempt++) {
      const { state: current, rev } = await this.read(roomId);
      const { state, result } = decide(current, revisionOf(rev));
      if (!state) return result;
      const written = await this.redis.eval(
        WRITE_IF_UNCHANGED,
        3,
        ...this.keys(roomId),
        rev,
        JSON.stringify(state),
        roomId,
      );
      if (written === 1) return result;
    }
    throw new Error(`room ${roomId} is too busy: ${this.maxRetries} conflicting writes in a row`);
  }

  async deleteIf(roomId: string, predicate: (current: RoomState) => boolean): Promise<boolean> {
    for (let attempt = 0; attempt < this.maxRetries; attempt++) {
      const { state, rev } = await this.read(roomId);
      if (!state) {
        await this.redis.srem(this.keys(roomId)[2], roomId);
        return false;
      }
      if (!predicate(state)) return false;
      const deleted = await this.redis.eval(
        DELETE_IF_UNCHANGED,
        3,
        ...this.keys(roomId),
        rev,
        roomId,
      );
      if (deleted === 1) return true;
    }
    return false;
  }

  async delete(roomId: string): Promise<void> {
    const [roomKey, revKey, indexKey] = this.keys(roomId);
    await this.redis.multi().del(roomKey, revKey).srem(indexKey, roomId).exec();
  }

  roomIds(): Promise<string[]> {
    return this.redis.smembers(this.keys('')[2]);
  }

  count(): Promise<number> {
    return this.redis.scard(this.keys('')[2]);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
