import type { RoomState } from '@wt/room';
import type { RoomStore, UpdateDecision } from './room-store.js';

/** The default store: the seed's `Map<roomId, RoomState>`, one process. */
export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, RoomState>();

  get(roomId: string): Promise<RoomState | undefined> {
    return Promise.resolve(this.rooms.get(roomId));
  }

  update<T>(
    roomId: string,
    decide: (current: RoomState | undefined) => UpdateDecision<T>,
  ): Promise<T> {
    // `decide` is synchronous and JavaScript is single-threaded: nothing can interleave.
    const { state, result } = decide(this.rooms.get(roomId));
    if (state) this.rooms.set(roomId, state);
    return Promise.resolve(result);
  }

  deleteIf(roomId: string, predicate: (current: RoomState) => boolean): Promise<boolean> {
    const current = this.rooms.get(roomId);
    const remove = current !== undefined && predicate(current);
    if (remove) this.rooms.delete(roomId);
    return Promise.resolve(remove);
  }

  delete(roomId: string): Promise<void> {
    this.rooms.delete(roomId);
    return Promise.resolve();
  }

  touch(): Promise<void> {
    // Rooms here never expire on their own: the cleanup removes idle empty ones.
    return Promise.resolve();
  }

  roomIds(): Promise<string[]> {
    return Promise.resolve([...this.rooms.keys()]);
  }

  count(): Promise<number> {
    return Promise.resolve(this.rooms.size);
  }

  close(): Promise<void> {
    this.rooms.clear();
    return Promise.resolve();
  }
}
