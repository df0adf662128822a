import type { Eviction } from '@wt/protocol';
import type { Logger } from '../ops/logger.js';
import type { EvictionNotices, HandlerContext, RealtimeServices } from './context.js';
import { leaveCurrentRoom } from './join.js';
import { deltaChannelOf, seedChannelOf } from './room-channels.js';
import type { WatchServer } from './types.js';

/** One process alone: nobody else to tell. */
export const aloneEvictionNotices: EvictionNotices = {
  announce: () => undefined,
};

/** Several processes on the Redis adapter: Socket.io's inter-server events reach the others. */
export function clusterEvictionNotices(io: WatchServer): EvictionNotices {
  return {
    announce: (eviction) => {
      io.serverSideEmit('member_evicted', eviction);
    },
  };
}

/**
 * Each process hears the others' evictions (`member_evicted`) and takes its own
 * connections of that person out, through the same leave path as one that left itself.
 */
export function hearEvictions(io: WatchServer, services: RealtimeServices, logger: Logger): void {
  io.on('member_evicted', (eviction) => {
    evictHere(services, eviction).catch((error: unknown) => {
      logger.error({ err: error, roomId: eviction.roomId }, 'evicting a removed member failed');
    });
  });
}

/**
 * Takes every connection of the person out of the room after the host kicked or banned
 * them (the core already removed the member), and tells each why: this process's own
 * connections here, the other processes' through `ctx.evictions`.
 */
export async function evict(ctx: HandlerContext, eviction: Eviction): Promise<void> {
  await evictHere(ctx, eviction);
  ctx.evictions.announce(eviction);
}

/**
 * This process's connections of `eviction.userId` in `eviction.roomId` are told
 * (`removed_from_room`) and leave as if they had left themselves: channels, player
 * registry, presence.
 */
export async function evictHere(services: RealtimeServices, eviction: Eviction): Promise<void> {
  const { roomId, userId, reason, by } = eviction;
  const nsp = services.io.of('/');
  // A room's connections are in its seed channel or its delta channel, by protocol.
  const ids = new Set([
    ...(nsp.adapter.rooms.get(seedChannelOf(roomId)) ?? []),
    ...(nsp.adapter.rooms.get(deltaChannelOf(roomId)) ?? []),
  ]);
  for (const id of ids) {
    const socket = nsp.sockets.get(id);
    if (socket?.data.userId !== userId || socket.data.roomId !== roomId) continue;
    socket.emit('removed_from_room', { roomId, reason, by });
    await leaveCurrentRoom({ ...services, socket });
  }
}
