import type { Eviction } from '@wt/protocol';
import type { PresenceRegistry } from '../presence/presence-registry.js';
import type { MembersBroadcast } from '../sync/members-broadcast.js';
import type { PlaybackScheduler } from '../sync/playback-scheduler.js';
import type { SyncRegistry } from '../sync/sync-registry.js';
import type { ChatFilter } from './chat-filter.js';
import type { IdentityMemory } from './identity-memory.js';
import type { RoomRuntime } from './room-runtime.js';
import type { WatchServer, WatchSocket } from './types.js';

/** Per-address budgets spent at the edge: each answers 0 when allowed, else ms to wait. */
export interface AddressBudgets {
  /** A TikTok fetch (`add_video`, `retry_video`); the budget `/api/resolve` spends too. */
  fetch(address: string, url?: string): Promise<number>;
  /** A new room (`ROOMS_PER_IP_PER_MINUTE`). */
  roomCreation(address: string): Promise<number>;
}

/** How a process tells the others (when there are any) that the host removed someone. */
export interface EvictionNotices {
  announce(eviction: Eviction): void;
}

/** What every connection's handlers share. */
export interface RealtimeServices {
  /** The Socket.io server (to reach other connections: a kick takes them out). */
  io: WatchServer;
  runtime: RoomRuntime;
  registry: SyncRegistry;
  scheduler: PlaybackScheduler;
  members: MembersBroadcast;
  identities: IdentityMemory;
  /** Who is connected where: a person joins on their first connection, leaves after their last. */
  presence: PresenceRegistry;
  budgets: AddressBudgets;
  /** Masks the configured words in chat (`CHAT_FILTER_WORDS`). */
  chatFilter: ChatFilter;
  /** Tells the other processes (if any) whom the host removed, so they take them out too. */
  evictions: EvictionNotices;
}

export interface HandlerContext extends RealtimeServices {
  socket: WatchSocket;
}
