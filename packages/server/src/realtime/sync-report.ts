import type { AckResponse, InboundPayload } from '@wt/protocol';
import type { HandlerContext } from './context.js';

/**
 * A player's report of how it is doing. It goes to the sync registry, never to the
 * stored room: a changed status is shown to everyone, and readiness may open a start
 * that was held for this player.
 */
export async function syncReport(
  ctx: HandlerContext,
  payload: InboundPayload<'sync_report'>,
): Promise<AckResponse> {
  const { roomId, rttMs, readyEpoch, preloadedItemId, status } = payload;
  const report = {
    ...(rttMs === undefined ? {} : { rttMs }),
    ...(readyEpoch === undefined ? {} : { readyEpoch }),
    ...(preloadedItemId === undefined ? {} : { preloadedItemId }),
    ...(status === undefined ? {} : { status }),
  };
  const { membersChanged, readinessChanged } = ctx.registry.report(roomId, ctx.socket.id, report);
  if (membersChanged) ctx.members.changed(roomId);
  // Players repeat their readiness in every report; only a change can open a held start
  // (and only then is the room worth reading: a report is the most frequent event).
  if (readinessChanged) await ctx.scheduler.readinessChanged(roomId);
  return { ok: true };
}
