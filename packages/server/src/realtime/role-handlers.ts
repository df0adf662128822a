import { RemovalReason, type RoleAckResults, type RoomRoles } from '@wt/protocol';
import type { Reply } from '@wt/room';
import type { HandlerContext } from './context.js';
import { evict } from './evict.js';
import { hashRoomPassword } from './room-password.js';
import { run, type Handler } from './run-command.js';

type RoleEvent = keyof RoleAckResults;

const rolesAck = (reply: Reply): { ok: true; roles: RoomRoles } | undefined =>
  reply.type === 'roles' || reply.type === 'removed' ? { ok: true, roles: reply.roles } : undefined;

/** How far ahead a start asked for now is scheduled in this room. */
function lead(ctx: HandlerContext, roomId: string): { leadMs: number } {
  return { leadMs: ctx.scheduler.leadMs(roomId) };
}

/**
 * Roles and controls (see `@wt/protocol` roles.ts): the core decides who may; the edge
 * hashes passwords and takes kicked people's connections out of the room.
 */
export const roleHandlers: { [E in RoleEvent]: Handler<E> } = {
  set_co_host: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'setCoHost', userId, targetId: p.userId, coHost: p.coHost }),
      rolesAck,
    ),
  set_locked: (ctx, p) =>
    run(ctx, p.roomId, (userId) => ({ type: 'setLocked', userId, locked: p.locked }), rolesAck),
  transfer_host: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'transferHost', userId, targetId: p.userId }),
      rolesAck,
    ),
  kick_member: async (ctx, p) => {
    const ban = p.ban === true;
    let removed: Extract<Reply, { type: 'removed' }> | undefined;
    const answer = await run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'kick', userId, targetId: p.userId, ban, ...lead(ctx, p.roomId) }),
      (reply) => {
        if (reply.type === 'removed') removed = reply;
        return rolesAck(reply);
      },
    );
    if (removed) {
      const reason = ban ? RemovalReason.banned : RemovalReason.kicked;
      await evict(ctx, { roomId: p.roomId, userId: removed.userId, reason, by: removed.by });
    }
    return answer;
  },
  set_password: async (ctx, p) => {
    const passwordHash = p.password === null ? undefined : await hashRoomPassword(p.password);
    return run(
      ctx,
      p.roomId,
      (userId) => ({
        type: 'setPassword',
        userId,
        ...(passwordHash === undefined ? {} : { passwordHash }),
      }),
      rolesAck,
    );
  },
  vote_skip: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'voteSkip', userId, ...lead(ctx, p.roomId) }),
      (reply) =>
        reply.type === 'skipVote'
          ? { ok: true, votes: reply.votes, needed: reply.needed, skipped: reply.skipped }
          : undefined,
    ),
};
