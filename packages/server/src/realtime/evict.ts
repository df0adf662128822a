import type { RemovalReason } from '@wt/protocol';
import type { HandlerContext } from './context.js';
import { leaveCurrentRoom } from './join.js';
import { deltaChannelOf, rolesChannelOf, seedChannelOf } from './room-channels.js';

/**
 * Takes every connection of `userId` out of `roomId` after the host kicked or banned them
 * (the core already removed the member), and tells each why. A connection on this process
 * leaves as if it had left itself (channels, player registry, presence); one on another
 * process (Redis adapter) is told and taken out of the room's channels, and the core
 * refuses anything it still sends to the room (`NOT_IN_ROOM`).
 */
export async function evict(
  ctx: HandlerContext,
  roomId: string,
  userId: string,
  reason: RemovalReason,
  by: string,
): Promise<void> {
  const nsp = ctx.io.of('/');
  const channels = [seedChannelOf(roomId), deltaChannelOf(roomId), rolesChannelOf(roomId)];
  const sockets = await nsp.in(channels).fetchSockets();
  for (const remote of sockets) {
    if (remote.data.userId !== userId || remote.data.roomId !== roomId) continue;
    remote.emit('removed_from_room', { roomId, reason, by });
    const local = nsp.sockets.get(remote.id);
    if (local) await leaveCurrentRoom({ ...ctx, socket: local });
    else for (const channel of channels) remote.leave(channel);
  }
}
