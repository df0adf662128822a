import type { UserInfo } from '@wt/protocol';
import { BurstWindow } from './burst-window.js';
import { seedChannelOf } from './room-channels.js';
import type { WatchServer } from './types.js';

/** At most one whole member list per room this often (ms), the latest one. */
export const SEED_USERS_INTERVAL_MS = 250;

/**
 * The seed's `room_users` / `room_users_count`: the whole list to every seed client at
 * each change, so a crowd joining one room costs the square of its size in bytes (1,000
 * people: about 13 GB). The first change goes out at once; changes within the next
 * interval are folded into the latest list, sent at its end, so the cost of a burst grows
 * with its duration, not its size. Protocol 3 clients get one small change instead.
 */
export class SeedUsersBroadcast {
  private readonly window: BurstWindow<UserInfo[]>;

  constructor(io: WatchServer, intervalMs = SEED_USERS_INTERVAL_MS) {
    this.window = new BurstWindow(intervalMs, (roomId, lists) => {
      const users = lists.at(-1) ?? [];
      const channel = io.to(seedChannelOf(roomId));
      channel.emit('room_users', users);
      channel.emit('room_users_count', users.length);
    });
  }

  changed(roomId: string, users: UserInfo[]): void {
    this.window.add(roomId, users);
  }

  close(): void {
    this.window.close();
  }
}
