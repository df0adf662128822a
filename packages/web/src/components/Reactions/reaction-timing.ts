import type { Reaction } from '@wt/protocol';

/** Where this screen's player is: the clip on screen and the time in it. */
export interface ClipPosition {
  itemId: number;
  /** Seconds into the clip. */
  time: number;
}

export const ReactionTiming = {
  /** A reaction whose frame passed less than this long ago still shows (network, render). */
  lateS: 1,
  /** The longest a reaction waits for this player to reach its frame (a paused or stuck room). */
  maxWaitMs: 10_000,
} as const;

export type ReactionFate = 'show' | 'wait' | 'drop';

/**
 * When a reaction shows here: the moment this player reaches the frame it was sent at.
 * Reached up to `lateS` ago: now. Further past, or another clip on screen: never. Not
 * reached yet: wait, at most `maxWaitMs` since it arrived.
 */
export function reactionFate(
  reaction: Pick<Reaction, 'itemId' | 'clipTime'>,
  position: ClipPosition | undefined,
  waitedMs: number,
): ReactionFate {
  if (position === undefined || position.itemId !== reaction.itemId) return 'drop';
  const past = position.time - reaction.clipTime;
  if (past >= 0) return past <= ReactionTiming.lateS ? 'show' : 'drop';
  return waitedMs < ReactionTiming.maxWaitMs ? 'wait' : 'drop';
}
