import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  protocolError,
  ReactionLimits,
  type AckResponse,
  type AckResults,
  type InboundPayload,
  type Reaction,
} from '@wt/protocol';
import type { HandlerContext } from './context.js';
import { deltaChannelOf, seedChannelOf } from './room-channels.js';
import { TokenBucket } from './token-bucket.js';
import type { WatchSocket } from './types.js';

/** Each connection's own allowance of reactions (beside the allowance of all its events). */
const buckets = new WeakMap<WatchSocket, TokenBucket>();

function allowed(socket: WatchSocket, now: number): boolean {
  let bucket = buckets.get(socket);
  if (!bucket) {
    bucket = new TokenBucket(ReactionLimits.perSecond, ReactionLimits.burst, now);
    buckets.set(socket, bucket);
  }
  return bucket.take(now);
}

/**
 * Relays a member's reaction to everyone else in the room, whatever protocol they speak
 * (clients that do not know `reaction` ignore it). Never stored: a reaction is about a
 * frame, and a newcomer has missed that frame. The sender gets it in the acknowledgement.
 */
export function relayReaction(
  ctx: HandlerContext,
  userId: string,
  payload: InboundPayload<'send_reaction'>,
): AckResponse<AckResults['send_reaction']> {
  const now = ctx.runtime.now();
  if (!allowed(ctx.socket, now)) {
    return {
      ok: false,
      error: protocolError(ErrorCode.RATE_LIMITED, 'That is a lot of reactions. Wait a moment.'),
    };
  }
  const reaction: Reaction = {
    id: randomUUID(),
    userId,
    emoji: payload.emoji,
    itemId: payload.itemId,
    clipTime: payload.clipTime,
    sentAt: now,
  };
  ctx.socket
    .to([seedChannelOf(payload.roomId), deltaChannelOf(payload.roomId)])
    .emit('reaction', reaction);
  return { ok: true, reaction };
}
