import type { PresenceRegistry } from '../presence/presence-registry.js';
import type { MembersBroadcast } from '../sync/members-broadcast.js';
import type { PlaybackScheduler } from '../sync/playback-scheduler.js';
import type { SyncRegistry } from '../sync/sync-registry.js';
import type { IdentityMemory } from './identity-memory.js';
import type { RoomRuntime } from './room-runtime.js';
import type { WatchSocket } from './types.js';

/** What every connection's handlers share. */
export interface RealtimeServices {
  runtime: RoomRuntime;
  registry: SyncRegistry;
  scheduler: PlaybackScheduler;
  members: MembersBroadcast;
  identities: IdentityMemory;
  /** Who is connected where: a person joins on their first connection, leaves after their last. */
  presence: PresenceRegistry;
}

export interface HandlerContext extends RealtimeServices {
  socket: WatchSocket;
}
