import { ErrorCode, LoopMode, playabilityOf } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { changeVideo } from './queue.js';
import { fail, ok } from './result.js';
import { rolesView } from './roles.js';
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
  const skipped = skipByVote(state, userId, target, userIds.length, now, leadMs);
  if (!skipped.ok) return skipped;
  return { ...skipped, reply: { type: 'skipVote', votes: userIds.length, needed, skipped: true } };
}

/**
 * Moves to `target` as the next button does, the votes spent, with the line
 * "Skipped by vote (votes of members)". `actorId` is a voter still present.
 */
function skipByVote(
  state: RoomState,
  actorId: string,
  target: number,
  votes: number,
  now: number,
  leadMs: number | undefined,
): ApplyResult {
  const { skipVotes: _spent, ...roles } = state.roles;
  const moved = changeVideo({ ...state, roles }, actorId, target, now, leadMs);
  if (!moved.ok) return moved;
  const text = `Skipped by vote (${String(votes)} of ${String(state.members.length)})`;
  const [next, line] = systemLine(moved.state, text, now);
  return ok(next, [...moved.effects, line], moved.reply);
}

/**
 * After someone is gone (left, kicked, banned): only the votes of people still present
 * count, and when those are now more than half of the people present, the room skips
 * at once, exactly as the deciding vote would have. `departed` is the departure's result;
 * its reply is kept (a kick's carries the roles as they are after the skip).
 */
export function recountSkipVotes(departed: ApplyResult, now: number, leadMs?: number): ApplyResult {
  if (!departed.ok) return departed;
  const { state } = departed;
  const held = state.roles.skipVotes;
  if (!held) return departed;
  const present = held.userIds.filter((id) => findMember(state, id) !== undefined);
  const cleaned: RoomState =
    present.length === held.userIds.length
      ? state
      : { ...state, roles: { ...state.roles, skipVotes: { ...held, userIds: present } } };
  const kept: ApplyResult = { ...departed, state: cleaned };
  const item = currentItem(cleaned);
  const target = skipTarget(cleaned);
  const actorId = present[0];
  if (item?.id !== held.itemId || target === undefined || actorId === undefined) return kept;
  if (present.length < votesNeeded(cleaned.members.length)) return kept;
  const skipped = skipByVote(cleaned, actorId, target, present.length, now, leadMs);
  // The actor is present and the target a queue index, so the move cannot be refused.
  if (!skipped.ok) return kept;
  const reply =
    departed.reply.type === 'removed'
      ? { ...departed.reply, roles: rolesView(skipped.state) }
      : departed.reply;
  return { ...skipped, effects: [...departed.effects, ...skipped.effects], reply };
}
