import type { WatchServer } from '../realtime/types.js';
import type { SyncRegistry } from './sync-registry.js';

/** The Socket.io room of a room's protocol-2 connections, the only ones told about sync. */
export function syncChannelOf(roomId: string): string {
  // Room ids are `A-Za-z0-9_-` only, so this can never be another room's id.
  return `${roomId}#sync`;
}

/** Above this many people, a room's `sync_members` goes out proportionally less often. */
const PEOPLE_PER_INTERVAL = 25;

/**
 * Sends `sync_members` to a room when what it shows changed, at most once per
 * `intervalMs`: statuses flicker while players catch up, and nobody needs every flicker.
 * The list is the whole room, so a big room's interval grows with it (one more
 * `intervalMs` per 25 people): the bytes it costs per second stay linear in its size.
 */
export class MembersBroadcast {
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly io: WatchServer,
    private readonly registry: SyncRegistry,
    private readonly intervalMs = 150,
  ) {}

  changed(roomId: string): void {
    if (this.due.has(roomId)) return;
    const people = this.registry.members(roomId).length;
    const delayMs = this.intervalMs * Math.max(1, Math.ceil(people / PEOPLE_PER_INTERVAL));
    const timer = setTimeout(() => {
      this.due.delete(roomId);
      this.io.to(syncChannelOf(roomId)).emit('sync_members', this.registry.members(roomId));
    }, delayMs);
    this.due.set(roomId, timer);
  }

  close(): void {
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }
}
