import { ErrorCode, LoopMode, playabilityOf } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { changeVideo } from './queue.js';
import { fail, ok } from './result.js';
import { currentItem } from './timeline.js';
import type { ApplyResult, RoomState } from './types.js';

/** More than half of the people present. */
export function votesNeeded(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** The clip a skip moves to: the next playable one (wrapping only with `loop: 'all'`). */
function skipTarget(state: RoomState): number | undefined {
  const { queue, currentVideoIndex: current } = state;
  const indexes = queue.map((_, i) => i);
  const order = [
    ...indexes.filter((i) => i > current),
    ...(state.loop === LoopMode.all ? indexes.filter((i) => i < current) : []),
  ];
  return order.find((i) => {
    const item = queue[i];
    return item !== undefined && playabilityOf(item) !== 'failed';
  });
}

/**
 * A vote to skip the clip playing now. Once more than half of the people present voted,
 * the room moves to the next clip (as the next button does) and the votes start again.
 */
export function voteSkip(
  state: RoomState,
  userId: string,
  now: number,
  leadMs?: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const item = currentItem(state);
  const target = skipTarget(state);
  if (!item || target === undefined)
    return fail(ErrorCode.NO_VIDEO, 'There is no clip to skip to.');
  const held = state.roles.skipVotes;
  const earlier = held?.itemId === item.id ? held.userIds : [];
  const userIds = earlier.includes(userId) ? earlier : [...earlier, userId];
  const needed = votesNeeded(state.members.length);
  if (userIds.length < needed) {
    const next: RoomState = {
      ...state,
      lastActivity: now,
      roles: { ...state.roles, skipVotes: { itemId: item.id, userIds } },
    };
    return ok(next, [], { type: 'skipVote', votes: userIds.length, needed, skipped: false });
  }
  const { skipVotes: _spent, ...roles } = state.roles;
  const moved = changeVideo({ ...state, roles }, userId, target, now, leadMs);
  if (!moved.ok) return moved;
  const text = `Skipped by vote (${String(userIds.length)} of ${String(state.members.length)})`;
  const [next, line] = systemLine(moved.state, text, now);
  return ok(next, [...moved.effects, line], {
    type: 'skipVote',
    votes: userIds.length,
    needed,
    skipped: true,
  });
}
