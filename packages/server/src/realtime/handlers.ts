import { randomFillSync } from 'node:crypto';
import {
  ErrorCode,
  inboundSchemas,
  Limits,
  protocolError,
  type AckResponse,
  type InboundEvent,
  type InboundPayload,
} from '@wt/protocol';
import type { ZodType } from 'zod';
import { SyncTiming, type Reply } from '@wt/room';
import type { HandlerContext } from './context.js';
import { joinRoom } from './join.js';
import { roleHandlers } from './role-handlers.js';
import { failed, membership, run, type Handler } from './run-command.js';
import { relayReaction } from './reactions.js';
import { syncReport } from './sync-report.js';

/** A refusal when this address has spent its TikTok fetches (shared with `/api/resolve`). */
async function fetchRefused(
  ctx: HandlerContext,
  url?: string,
): Promise<{ ok: false; error: ReturnType<typeof protocolError> } | undefined> {
  const waitMs = await ctx.budgets.fetch(ctx.socket.data.address ?? 'unknown', url);
  if (waitMs <= 0) return undefined;
  return failed(
    ErrorCode.RATE_LIMITED,
    `That's a lot of new links at once. Try again in ${String(Math.ceil(waitMs / 1000))} s.`,
  );
}

/** How far ahead a start asked for now is scheduled in this room. */
function lead(ctx: HandlerContext, roomId: string): { leadMs: number } {
  return { leadMs: ctx.scheduler.leadMs(roomId) };
}

const playerStateAck = (reply: Reply) =>
  reply.type === 'playerState' ? { ok: true as const, state: reply.state } : undefined;

const orderAck = (reply: Reply) =>
  reply.type === 'order'
    ? { ok: true as const, queue: reply.queue, index: reply.index }
    : undefined;

/** The shuffle's randomness, drawn here so the room core stays pure: one draw per entry. */
function shuffleDraws(): number[] {
  const words = randomFillSync(new Uint32Array(Limits.queueMaxLength));
  return Array.from(words, (word) => word / 2 ** 32);
}

export const handlers: { [E in InboundEvent]: Handler<E> } = {
  join_room: joinRoom,
  add_video: async (ctx, p) =>
    (await fetchRefused(ctx, p.video.url)) ??
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'addVideo', userId, url: p.video.url }),
      (reply) => (reply.type === 'item' ? { ok: true, item: reply.item } : undefined),
    ),
  remove_video: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'removeVideo', userId, index: p.index, ...lead(ctx, p.roomId) }),
      (reply) => (reply.type === 'queue' ? { ok: true, queue: reply.queue } : undefined),
    ),
  change_video: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'changeVideo', userId, index: p.index, ...lead(ctx, p.roomId) }),
      (reply) => (reply.type === 'index' ? { ok: true, index: reply.index } : undefined),
    ),
  send_message: (ctx, p) => {
    const text = ctx.chatFilter(typeof p.message === 'string' ? p.message : p.message.text);
    return run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'sendMessage', userId, text }),
      (reply) => (reply.type === 'message' ? { ok: true, message: reply.message } : undefined),
    );
  },
  player_play: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'play', userId, time: p.time, ...lead(ctx, p.roomId) }),
      playerStateAck,
    ),
  player_pause: (ctx, p) =>
    run(ctx, p.roomId, (userId) => ({ type: 'pause', userId, time: p.time }), playerStateAck),
  player_seek: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'seek', userId, time: p.time, ...lead(ctx, p.roomId) }),
      playerStateAck,
    ),
  request_countdown: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'requestCountdown', userId }),
      (reply) =>
        reply.type === 'countdown'
          ? { ok: true, seconds: reply.seconds, endsAt: reply.endsAt }
          : undefined,
    ),
  set_name: async (ctx, p) => {
    const renamed = await run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'rename', userId, name: p.name }),
      (reply) => (reply.type === 'user' ? { ok: true, user: reply.user } : undefined),
    );
    // A reconnect that never re-joins comes back under the new name.
    if (renamed.ok) ctx.identities.remember(ctx.socket, renamed.user.name);
    return renamed;
  },
  retry_video: async (ctx, p) =>
    (await fetchRefused(ctx)) ??
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'retryVideo', userId, itemId: p.id }),
      (reply) => (reply.type === 'item' ? { ok: true, item: reply.item } : undefined),
    ),
  time_sync: (ctx, p) =>
    Promise.resolve({ ok: true, clientTime: p.clientTime, serverTime: ctx.runtime.now() }),
  video_ended: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      () => ({
        type: 'clipEnded',
        itemId: p.itemId,
        source: 'report',
        toleranceMs: SyncTiming.reportToleranceMs,
        holdMs: ctx.scheduler.holdMs,
        ...lead(ctx, p.roomId),
      }),
      (reply) => (reply.type === 'advanced' ? { ok: true, advanced: reply.advanced } : undefined),
    ),
  media_duration: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'reportDuration', userId, itemId: p.itemId, duration: p.duration }),
      (reply) => (reply.type === 'accepted' ? { ok: true, accepted: reply.accepted } : undefined),
    ),
  sync_report: async (ctx, p) => {
    const member = await membership(ctx, p.roomId);
    return member.ok ? syncReport(ctx, p) : member;
  },
  set_loop: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'setLoop', userId, mode: p.mode }),
      (reply) => (reply.type === 'settings' ? { ok: true, loop: reply.loop } : undefined),
    ),
  set_autoplay: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'setAutoplay', userId, enabled: p.enabled }),
      (reply) => (reply.type === 'settings' ? { ok: true, autoplay: reply.autoplay } : undefined),
    ),
  send_reaction: async (ctx, p) => {
    const member = await membership(ctx, p.roomId);
    return member.ok ? relayReaction(ctx, member.userId, p) : member;
  },
  move_video: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'moveVideo', userId, itemId: p.itemId, toIndex: p.toIndex }),
      orderAck,
    ),
  play_next: (ctx, p) =>
    run(ctx, p.roomId, (userId) => ({ type: 'playNext', userId, itemId: p.itemId }), orderAck),
  shuffle_queue: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'shuffleQueue', userId, randoms: shuffleDraws() }),
      orderAck,
    ),
  clear_queue: (ctx, p) =>
    run(
      ctx,
      p.roomId,
      (userId) => ({ type: 'clearQueue', userId, keepCurrent: p.keepCurrent ?? true }),
      orderAck,
    ),
  ...roleHandlers,
};

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
