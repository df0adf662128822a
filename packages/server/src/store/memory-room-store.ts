import type { RoomState } from '@wt/room';
import type { RoomStore, UpdateDecision, VersionedRoom } from './room-store.js';

/** The default store: the seed's `Map<roomId, RoomState>`, one process. */
export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, VersionedRoom>();
  private changeCount = 0;

  /** Grows with every write and delete: a snapshot is due when it moved since the last one. */
  get changes(): number {
    return this.changeCount;
  }

  /** Every room as it is now (immutable values: safe to serialise later). */
  all(): RoomState[] {
    return [...this.rooms.values()].map((room) => room.state);
  }

  /**
   * Puts rooms read back from a snapshot in place (at start-up, before anyone joins). Their
   * revisions start again: every client of this process is a new session after a restart.
   */
  restore(rooms: readonly RoomState[]): void {
    for (const room of rooms) this.rooms.set(room.id, { state: room, revision: 1 });
    this.changeCount++;
  }

  get(roomId: string): Promise<RoomState | undefined> {
    return Promise.resolve(this.rooms.get(roomId)?.state);
  }

  has(roomId: string): Promise<boolean> {
    return Promise.resolve(this.rooms.has(roomId));
  }

  getVersioned(roomId: string): Promise<VersionedRoom | undefined> {
    return Promise.resolve(this.rooms.get(roomId));
  }

  update<T>(
    roomId: string,
    decide: (current: RoomState | undefined, revision: number) => UpdateDecision<T>,
  ): Promise<T> {
    // `decide` is synchronous and JavaScript is single-threaded: nothing can interleave.
    const current = this.rooms.get(roomId);
    const revision = current?.revision ?? 0;
    let decided: UpdateDecision<T>;
    try {
      decided = decide(current?.state, revision);
    } catch (error: unknown) {
      // A failing decision is this update's rejection, as in every store.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const { state, result } = decided;
    if (state) {
      this.rooms.set(roomId, { state, revision: revision + 1 });
      this.changeCount++;
    }
    return Promise.resolve(result);
  }

  deleteIf(roomId: string, predicate: (current: RoomState) => boolean): Promise<boolean> {
    const current = this.rooms.get(roomId)?.state;
    const remove = current !== undefined && predicate(current);
    if (remove) {
      this.rooms.delete(roomId);
      this.changeCount++;
    }
    return Promise.resolve(remove);
  }

  delete(roomId: string): Promise<void> {
    if (this.rooms.delete(roomId)) this.changeCount++;
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
