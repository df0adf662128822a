import type { UserInfo } from '@wt/protocol';
import type { WatchServer } from './types.js';
import { seedChannelOf } from './room-channels.js';

/** At most one whole member list per room this often (ms), the latest one. */
export const SEED_USERS_INTERVAL_MS = 250;

/**
 * The seed's `room_users` / `room_users_count`: the whole list to every seed client at
 * each change, so a crowd joining one room costs the square of its size in bytes (1,000
 * people: about 13 GB). The first change goes out at once; changes within the next
 * interval are folded into one list sent at its end, so the cost of a burst grows with
 * its duration, not its size. Protocol 3 clients get one small change instead.
 */
export class SeedUsersBroadcast {
  private readonly windows = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; latest: UserInfo[] | undefined }
  >();

  constructor(
    private readonly io: WatchServer,
    private readonly intervalMs = SEED_USERS_INTERVAL_MS,
  ) {}

  changed(roomId: string, users: UserInfo[]): void {
    const open = this.windows.get(roomId);
    if (open) {
      open.latest = users;
      return;
    }
    this.send(roomId, users);
    this.openWindow(roomId);
  }

  close(): void {
    for (const { timer } of this.windows.values()) clearTimeout(timer);
    this.windows.clear();
  }

  private openWindow(roomId: string): void {
    const timer = setTimeout(() => {
      const latest = this.windows.get(roomId)?.latest;
      this.windows.delete(roomId);
      if (latest) {
        this.send(roomId, latest);
        this.openWindow(roomId);
      }
    }, this.intervalMs);
    timer.unref();
    this.windows.set(roomId, { timer, latest: undefined });
  }

  private send(roomId: string, users: UserInfo[]): void {
    const channel = this.io.to(seedChannelOf(roomId));
    channel.emit('room_users', users);
    channel.emit('room_users_count', users.length);
  }
}
