import type { RoomState } from '@wt/room';

/**
 * What an atomic update decides: the room's next state (or `undefined` to write
 * nothing) and a result handed back to the caller.
 */
export interface UpdateDecision<T> {
  state: RoomState | undefined;
  result: T;
}

/** A room with the revision it has in the store (one more for each write of it). */
export interface VersionedRoom {
  state: RoomState;
  revision: number;
}

/**
 * Where rooms live. One interface, an in-memory and a Redis implementation, one
 * contract suite (test/store). States are immutable values: callers never mutate
 * what `get` returns.
 */
export interface RoomStore {
  get(roomId: string): Promise<RoomState | undefined>;
  /** Whether the room exists (without reading it: a crowded room is big). */
  has(roomId: string): Promise<boolean>;
  /** The room and its revision, read together. */
  getVersioned(roomId: string): Promise<VersionedRoom | undefined>;
  /**
   * Reads the room, calls `decide` and writes its state, atomically with respect to
   * every other `update` of that room. `decide` must be pure: a distributed store may
   * call it again when another writer got there first. It is given the room's revision
   * (0 when there is no room); a state it returns is stored as `revision + 1`.
   */
  update<T>(
    roomId: string,
    decide: (current: RoomState | undefined, revision: number) => UpdateDecision<T>,
  ): Promise<T>;
  /** Deletes the room if `predicate` holds for it at that moment; true when deleted. */
  deleteIf(roomId: string, predicate: (current: RoomState) => boolean): Promise<boolean>;
  delete(roomId: string): Promise<void>;
  /** The room has members: it is not idle (a store with expiry restarts its TTL). */
  touch(roomId: string): Promise<void>;
  roomIds(): Promise<string[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}
