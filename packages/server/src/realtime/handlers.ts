import {
  ErrorCode,
  inboundSchemas,
  PROTOCOL_VERSION,
  protocolError,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type InboundPayload,
} from '@wt/protocol';
import type { ZodType } from 'zod';
import { toView, type ApplyResult, type Command, type Reply } from '@wt/room';
import type { RoomRuntime } from './room-runtime.js';
import type { WatchSocket } from './types.js';

export interface HandlerContext {
  socket: WatchSocket;
  runtime: RoomRuntime;
}

type Handler<E extends InboundEvent> = (
  ctx: HandlerContext,
  payload: InboundPayload<E>,
) => Promise<AckResponse<AckResults[E]>>;

function failed(
  code: ErrorCode,
  message: string,
): { ok: false; error: ReturnType<typeof protocolError> } {
  return { ok: false, error: protocolError(code, message) };
}

/** Every event but join needs the connection to be in that room. */
function membership(ctx: HandlerContext, roomId: string): string | undefined {
  const { roomId: joined, userId } = ctx.socket.data;
  return joined === roomId ? userId : undefined;
}

async function run<E extends InboundEvent>(
  _event: E,
  ctx: HandlerContext,
  roomId: string,
  toCommand: (userId: string) => Command,
  toAck: (reply: Reply) => AckResponse<AckResults[E]>,
): Promise<AckResponse<AckResults[E]>> {
  const userId = membership(ctx, roomId);
  if (userId === undefined) {
    return failed(ErrorCode.NOT_IN_ROOM, 'Join this room before sending to it.');
  }
  const result: ApplyResult = await ctx.runtime.execute(roomId, toCommand(userId), ctx.socket);
  return result.ok ? toAck(result.reply) : { ok: false, error: result.error };
}

function mismatch(): { ok: false; error: ReturnType<typeof protocolError> } {
  return failed(ErrorCode.INTERNAL, 'Unexpected reply from the room.');
}

async function leaveCurrentRoom(ctx: HandlerContext): Promise<void> {
  const { roomId, userId } = ctx.socket.data;
  if (roomId === undefined || userId === undefined) return;
  delete ctx.socket.data.roomId;
  delete ctx.socket.data.userId;
  await ctx.socket.leave(roomId);
  await ctx.runtime.execute(roomId, { type: 'leave', userId });
}

const joinRoom: Handler<'join_room'> = async (ctx, payload) => {
  if (payload.protocolVersion !== undefined && payload.protocolVersion !== PROTOCOL_VERSION) {
    return failed(
      ErrorCode.PROTOCOL_MISMATCH,
      `This page is out of date (protocol ${payload.protocolVersion}, server ${PROTOCOL_VERSION}). Reload it.`,
    );
  }
  const { socket, runtime } = ctx;
  const name = payload.name ?? `Guest ${payload.userId.slice(0, 4)}`;
  const alreadyHere =
    socket.data.roomId === payload.roomId && socket.data.userId === payload.userId;
  if (alreadyHere) {
    const renamed = await runtime.execute(
      payload.roomId,
      { type: 'rename', userId: payload.userId, name },
      socket,
    );
    if (!renamed.ok) return { ok: false, error: renamed.error };
  } else {
    await leaveCurrentRoom(ctx);
    // Subscribe first, so nothing broadcast between the join and the snapshot is missed.
    await socket.join(payload.roomId);
    const joined = await runtime.join(payload.roomId, payload.userId, name, socket);
    if (!joined.ok) {
      await socket.leave(payload.roomId);
      return { ok: false, error: joined.error };
    }
    socket.data.roomId = payload.roomId;
    socket.data.userId = payload.userId;
  }
  // A fresh read: the snapshot is at least as new as any broadcast already received.
  const room = await runtime.state(payload.roomId);
  if (!room) return failed(ErrorCode.ROOM_NOT_FOUND, 'That room does not exist (any more).');
  const view = toView(room, runtime.now());
  socket.emit('room_state', view);
  return { ok: true, room: view, user: { id: payload.userId, name } };
};

export const handlers: { [E in InboundEvent]: Handler<E> } = {
  join_room: joinRoom,
  add_video: (ctx, p) =>
    run(
      'add_video',
      ctx,
      p.roomId,
      (userId) => ({ type: 'addVideo', userId, url: p.video.url }),
      (reply) => (reply.type === 'item' ? { ok: true, item: reply.item } : mismatch()),
    ),
  remove_video: (ctx, p) =>
    run(
      'remove_video',
      ctx,
      p.roomId,
      (userId) => ({ type: 'removeVideo', userId, index: p.index }),
      (reply) => (reply.type === 'queue' ? { ok: true, queue: reply.queue } : mismatch()),
    ),
  change_video: (ctx, p) =>
    run(
      'change_video',
      ctx,
      p.roomId,
      (userId) => ({ type: 'changeVideo', userId, index: p.index }),
      (reply) => (reply.type === 'index' ? { ok: true, index: reply.index } : mismatch()),
    ),
  send_message: (ctx, p) => {
    const text = typeof p.message === 'string' ? p.message : p.message.text;
    return run(
      'send_message',
      ctx,
      p.roomId,
      (userId) => ({ type: 'sendMessage', userId, text }),
      (reply) => (reply.type === 'message' ? { ok: true, message: reply.message } : mismatch()),
    );
  },
  player_play: (ctx, p) =>
    run(
      'player_play',
      ctx,
      p.roomId,
      (userId) => ({ type: 'play', userId, time: p.time }),
      (reply) => (reply.type === 'playerState' ? { ok: true, state: reply.state } : mismatch()),
    ),
  player_pause: (ctx, p) =>
    run(
      'player_pause',
      ctx,
      p.roomId,
      (userId) => ({ type: 'pause', userId, time: p.time }),
      (reply) => (reply.type === 'playerState' ? { ok: true, state: reply.state } : mismatch()),
    ),
  player_seek: (ctx, p) =>
    run(
      'player_seek',
      ctx,
      p.roomId,
      (userId) => ({ type: 'seek', userId, time: p.time }),
      (reply) => (reply.type === 'playerState' ? { ok: true, state: reply.state } : mismatch()),
    ),
  request_countdown: (ctx, p) =>
    run(
      'request_countdown',
      ctx,
      p.roomId,
      (userId) => ({ type: 'requestCountdown', userId }),
      (reply) =>
        reply.type === 'countdown'
          ? { ok: true, seconds: reply.seconds, endsAt: reply.endsAt }
          : mismatch(),
    ),
  set_name: (ctx, p) =>
    run(
      'set_name',
      ctx,
      p.roomId,
      (userId) => ({ type: 'rename', userId, name: p.name }),
      (reply) => (reply.type === 'user' ? { ok: true, user: reply.user } : mismatch()),
    ),
  retry_video: (ctx, p) =>
    run(
      'retry_video',
      ctx,
      p.roomId,
      (userId) => ({ type: 'retryVideo', userId, itemId: p.id }),
      (reply) => (reply.type === 'item' ? { ok: true, item: reply.item } : mismatch()),
    ),
  time_sync: (ctx, p) =>
    Promise.resolve({ ok: true, clientTime: p.clientTime, serverTime: ctx.runtime.now() }),
};

export { leaveCurrentRoom };

/** The schemas, indexed so that a generic event keeps its payload type. */
const schemas: { [E in InboundEvent]: ZodType<InboundPayload<E>> } = inboundSchemas;

/** Parses `payload` with the event's schema and runs its handler; never sees raw input past here. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- E ties the schema to its handler
export async function handleEvent<E extends InboundEvent>(
  event: E,
  ctx: HandlerContext,
  payload: unknown,
): Promise<AckResponse> {
  const schema: ZodType<InboundPayload<E>> = schemas[event];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return failed(ErrorCode.INVALID_PAYLOAD, describeIssues(parsed.error.issues));
  }
  const handler: Handler<E> = handlers[event];
  return handler(ctx, parsed.data);
}

function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}
