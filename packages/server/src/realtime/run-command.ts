import {
  ErrorCode,
  protocolError,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type InboundPayload,
} from '@wt/protocol';
import type { ApplyResult, Command, Reply } from '@wt/room';
import type { HandlerContext } from './context.js';
import { rejoinAutomatically } from './join.js';

/** What every event handler is: a parsed payload in, an acknowledgement out. */
export type Handler<E extends InboundEvent> = (
  ctx: HandlerContext,
  payload: InboundPayload<E>,
) => Promise<AckResponse<AckResults[E]>>;

export function failed(
  code: ErrorCode,
  message: string,
): { ok: false; error: ReturnType<typeof protocolError> } {
  return { ok: false, error: protocolError(code, message) };
}

/**
 * The user this connection speaks for in `roomId`. Every event but join needs the
 * connection to be in that room; a reconnected client that never re-joins is put back.
 */
export async function membership(
  ctx: HandlerContext,
  roomId: string,
): Promise<{ ok: true; userId: string } | { ok: false; error: ReturnType<typeof protocolError> }> {
  const { roomId: joined, userId } = ctx.socket.data;
  if (joined === roomId && userId !== undefined) return { ok: true, userId };
  const rejoined = await rejoinAutomatically(ctx, roomId);
  return rejoined ?? failed(ErrorCode.NOT_IN_ROOM, 'Join this room before sending to it.');
}

export async function run<T extends object>(
  ctx: HandlerContext,
  roomId: string,
  toCommand: (userId: string) => Command,
  toAck: (reply: Reply) => AckResponse<T> | undefined,
): Promise<AckResponse<T>> {
  const member = await membership(ctx, roomId);
  if (!member.ok) return member;
  const result: ApplyResult = await ctx.runtime.execute(
    roomId,
    toCommand(member.userId),
    ctx.socket,
  );
  if (!result.ok) return { ok: false, error: result.error };
  return toAck(result.reply) ?? failed(ErrorCode.INTERNAL, 'Unexpected reply from the room.');
}
