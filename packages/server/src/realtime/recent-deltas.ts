import type { RoomDelta } from '@wt/protocol';

/** Most changes kept per room (a crowd of 1,000 joining within the grace is 1,000). */
export const RECENT_DELTAS_PER_ROOM = 5_000;

/**
 * A room's changes of the last `retainMs` (the reconnect grace), for a connection that
 * recovers: Socket.io's recovery replays what went through the adapter, and a big room's
 * batches on several processes are local sends that it never saw. What is replayed may
 * include changes the client already has; it drops those by revision.
 */
export class RecentDeltas {
  private readonly rooms = new Map<string, Array<{ at: number; delta: RoomDelta }>>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly retainMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    // Rooms that went quiet are let go too, not only trimmed when they change again.
    this.sweeper = setInterval(
      () => {
        for (const roomId of [...this.rooms.keys()]) this.trim(roomId);
      },
      Math.max(1_000, retainMs),
    );
    this.sweeper.unref();
  }

  add(roomId: string, delta: RoomDelta): void {
    let kept = this.rooms.get(roomId);
    if (!kept) {
      kept = [];
      this.rooms.set(roomId, kept);
    }
    kept.push({ at: this.clock(), delta });
    this.trim(roomId);
  }

  /** The room's changes still kept, oldest first. */
  of(roomId: string): RoomDelta[] {
    this.trim(roomId);
    return (this.rooms.get(roomId) ?? []).map((kept) => kept.delta);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.rooms.clear();
  }

  private trim(roomId: string): void {
    const kept = this.rooms.get(roomId);
    if (!kept) return;
    const oldest = this.clock() - this.retainMs;
    let drop = Math.max(0, kept.length - RECENT_DELTAS_PER_ROOM);
    while (drop < kept.length && (kept[drop]?.at ?? Infinity) < oldest) drop++;
    if (drop > 0) kept.splice(0, drop);
    if (kept.length === 0) this.rooms.delete(roomId);
  }
}
