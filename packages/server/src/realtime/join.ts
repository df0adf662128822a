import {
  ErrorCode,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  protocolError,
  type AckResponse,
  type AckResults,
  type InboundPayload,
  type ProtocolError,
  type UserInfo,
} from '@wt/protocol';
import { toView, type JoinAccess } from '@wt/room';
import type { VersionedRoom } from '../store/room-store.js';
import { syncChannelOf } from '../sync/members-broadcast.js';
import type { HandlerContext } from './context.js';
import { previousSessionId } from './identity-memory.js';
import {
  deltaChannelOf,
  roleChannelsFor,
  rolesChannelOf,
  roomChannelFor,
  seedChannelOf,
  takesDeltas,
} from './room-channels.js';
import { passwordMatches } from './room-password.js';
import { connectionUserId } from './session.js';

/** Protocol 2 clients prepare scheduled starts and report it; older ones do not. */
const REPORTS_READINESS_FROM = 2;

/** `room`: the room as the join stored it. */
type Joined =
  { ok: true; user: UserInfo; room: VersionedRoom } | { ok: false; error: ProtocolError };

/** A new room spends one of its address's `ROOMS_PER_IP_PER_MINUTE`. */
async function newRoomRefusal(ctx: HandlerContext): Promise<ProtocolError | undefined> {
  const waitMs = await ctx.budgets.roomCreation(ctx.socket.data.address ?? 'unknown');
  if (waitMs <= 0) return undefined;
  return protocolError(
    ErrorCode.RATE_LIMITED,
    `You've opened many new rooms. Try again in ${String(Math.ceil(waitMs / 1000))} s.`,
  );
}

/**
 * Puts this connection in `roomId` as `user` (creating the room as the seed does):
 * subscribes first so nothing broadcast meanwhile is missed, then joins the core, then
 * registers the player and remembers the identity for a reconnect.
 */
async function enter(
  ctx: HandlerContext,
  roomId: string,
  user: UserInfo,
  protocolVersion: number | undefined,
  access?: JoinAccess,
): Promise<Joined> {
  const { socket, runtime, registry, members, identities, presence } = ctx;
  await leaveCurrentRoom(ctx);
  const channels = [
    roomChannelFor(roomId, protocolVersion),
    ...roleChannelsFor(roomId, protocolVersion),
  ];
  await socket.join(channels);
  await presence.attach(roomId, user.id, socket.id);
  const undo = async () => {
    for (const channel of channels) await socket.leave(channel);
    await presence.detach(roomId, user.id, socket.id);
  };
  // A person already here (another tab) is joined again: no line, a rename at most.
  const joined = await runtime
    .join(roomId, user.id, user.name, socket, () => newRoomRefusal(ctx), access)
    .catch(async (error: unknown) => {
      // The store is away (or worse): this connection is not in the room after all.
      await undo();
      throw error;
    });
  if (!joined.ok) {
    await undo();
    return { ok: false, error: joined.error };
  }
  socket.data.roomId = roomId;
  socket.data.userId = user.id;
  if (protocolVersion !== undefined) socket.data.protocolVersion = protocolVersion;
  const reportsReadiness = (protocolVersion ?? 0) >= REPORTS_READINESS_FROM;
  registry.add(roomId, socket.id, user.id, reportsReadiness);
  if (reportsReadiness) {
    await socket.join(syncChannelOf(roomId));
    // From this process alone, as every `sync_members` is (see `MembersBroadcast`): the
    // list grows with the room, and through the adapter every process would read it.
    socket.nsp.local.to(socket.id).emit('sync_members', members.current(roomId));
  }
  identities.remember(socket, user.name);
  members.changed(roomId);
  return { ok: true, user, room: joined.stored };
}

/**
 * The room with its revision. A protocol 3 client gets it once, in the join's
 * acknowledgement, and may get it as its join stored it (`joined`): it holds the changes
 * broadcast meanwhile until its room arrives and drops those it already has, by revision,
 * so nothing is read back (with several processes that read is the whole room, a thousand
 * members and the chat, written by another process and parsed again). Every other client
 * also gets it as the seed's `room_state` event (the seed's own client asks for no ack)
 * and shows whatever arrives last: it gets the room as it is now, at least as new as any
 * change broadcast before it.
 */
async function sendSnapshot(ctx: HandlerContext, roomId: string, joined?: VersionedRoom) {
  const version = ctx.socket.data.protocolVersion;
  const room =
    joined !== undefined && takesDeltas(version) ? joined : await ctx.runtime.versioned(roomId);
  if (!room) return undefined;
  const { roles, ...seedView } = toView(room.state, ctx.runtime.now());
  // The seed's client gets the seed's view exactly: nothing about roles.
  const view =
    version === undefined
      ? { ...seedView, rev: room.revision }
      : { ...seedView, roles, rev: room.revision };
  if (!takesDeltas(version)) ctx.socket.emit('room_state', view);
  return view;
}

export async function joinRoom(
  ctx: HandlerContext,
  payload: InboundPayload<'join_room'>,
): Promise<AckResponse<AckResults['join_room']>> {
  const version = payload.protocolVersion;
  if (version !== undefined && (version < MIN_PROTOCOL_VERSION || version > PROTOCOL_VERSION)) {
    return {
      ok: false,
      error: protocolError(
        ErrorCode.PROTOCOL_MISMATCH,
        `This page is out of date (protocol ${version}, server ${PROTOCOL_VERSION}). Reload it.`,
      ),
    };
  }
  const { socket, runtime } = ctx;
  // The member is the connection's own identity; the payload's `userId` is only a hint
  // from clients that made their own id, and never makes anyone someone else.
  const self = connectionUserId(socket);
  if (self === undefined) return noSession();
  const name = payload.name ?? guestName(self);
  let joinedRoom: VersionedRoom | undefined;
  if (socket.data.roomId === payload.roomId && socket.data.userId === self) {
    const renamed = await runtime.execute(
      payload.roomId,
      { type: 'rename', userId: self, name },
      socket,
    );
    if (!renamed.ok) return { ok: false, error: renamed.error };
  } else {
    const access = await accessOf(ctx, payload.roomId, payload.password);
    const joined = await enter(ctx, payload.roomId, { id: self, name }, version, access);
    if (!joined.ok) return joined;
    joinedRoom = joined.room;
  }
  const view = await sendSnapshot(ctx, payload.roomId, joinedRoom);
  if (!view) {
    return {
      ok: false,
      error: protocolError(ErrorCode.ROOM_NOT_FOUND, 'That room does not exist (any more).'),
    };
  }
  return {
    ok: true,
    room: view,
    user: { id: self, name },
    protocolVersion: PROTOCOL_VERSION,
  };
}

/**
 * A Socket.io client that reconnected (it sends its previous session id) and talks to a
 * room without joining it again, as the seed's own client does after a server restart:
 * it is put back in that room as the connection's identity (the person it was, when its
 * token or remembered session says so, with the name it had) and gets the room's state.
 */
export async function rejoinAutomatically(
  ctx: HandlerContext,
  roomId: string,
): Promise<{ ok: true; userId: string } | { ok: false; error: ProtocolError } | undefined> {
  const { socket, identities } = ctx;
  if (socket.data.roomId !== undefined || previousSessionId(socket) === undefined) return undefined;
  const session = socket.data.session;
  if (!session) return noSession();
  const known = await identities.recall(socket);
  const name = known?.privateId === session.privateId ? known.name : guestName(session.userId);
  const joined = await enter(
    ctx,
    roomId,
    { id: session.userId, name },
    socket.data.protocolVersion,
  );
  if (!joined.ok) return joined;
  await sendSnapshot(ctx, roomId);
  return { ok: true, userId: session.userId };
}

/**
 * A connection recovered after its grace period ran out (its member has left): it is
 * put back in the room it was in, as the same person.
 */
export async function rejoinAfterRecovery(ctx: HandlerContext): Promise<void> {
  const { roomId, userId } = ctx.socket.data;
  if (roomId === undefined || userId === undefined) return;
  // It has already left: entering must not make it leave a second time.
  delete ctx.socket.data.roomId;
  delete ctx.socket.data.userId;
  const name = (await ctx.identities.current(ctx.socket))?.name ?? guestName(userId);
  const joined = await enter(ctx, roomId, { id: userId, name }, ctx.socket.data.protocolVersion);
  if (joined.ok) await sendSnapshot(ctx, roomId);
}

/**
 * What the core needs to admit someone to a room with a password: whether they gave one,
 * and the room's hash when it matches (scrypt, here at the edge; the core compares hashes).
 */
async function accessOf(
  ctx: HandlerContext,
  roomId: string,
  password: string | undefined,
): Promise<JoinAccess> {
  if (password === undefined) return { passwordGiven: false };
  const hash = (await ctx.runtime.state(roomId))?.roles.passwordHash;
  if (hash === undefined || !(await passwordMatches(password, hash))) {
    return { passwordGiven: true };
  }
  return { passwordGiven: true, matchedHash: hash };
}

function guestName(userId: string): string {
  return `Guest ${userId.slice(0, 4)}`;
}

/** Every connection passes the session middleware; one without a session is a bug. */
function noSession(): { ok: false; error: ProtocolError } {
  return {
    ok: false,
    error: protocolError(ErrorCode.INTERNAL, 'This connection has no session. Reconnect.'),
  };
}

/** Takes the connection out of its room: the core, the sync registry, the broadcasts. */
export async function leaveCurrentRoom(ctx: HandlerContext): Promise<void> {
  const { roomId, userId } = ctx.socket.data;
  if (roomId === undefined || userId === undefined) return;
  delete ctx.socket.data.roomId;
  delete ctx.socket.data.userId;
  await ctx.socket.leave(seedChannelOf(roomId));
  await ctx.socket.leave(deltaChannelOf(roomId));
  await ctx.socket.leave(rolesChannelOf(roomId));
  await ctx.socket.leave(syncChannelOf(roomId));
  if (ctx.registry.remove(roomId, ctx.socket.id)) ctx.members.changed(roomId);
  // The person leaves with their last connection (another tab keeps them here).
  const last = await ctx.presence.detach(roomId, userId, ctx.socket.id);
  if (last) {
    const leadMs = ctx.scheduler.leadMs(roomId);
    // Leaving may make the skip votes cast a majority: the skip starts like any other.
    await ctx.runtime.execute(roomId, { type: 'leave', userId, leadMs });
  }
  // A start held for this player need not wait any longer.
  await ctx.scheduler.readinessChanged(roomId);
}
