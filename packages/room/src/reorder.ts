import { ErrorCode, type VideoItem } from '@wt/protocol';
import { decide } from './decision.js';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import { currentItem, upcomingOf } from './timeline.js';
import type { ApplyResult, Effect, RoomState } from './types.js';

/**
 * Commands that change the queue's order or empty it: move one entry, play one next,
 * shuffle, clear. Entries are addressed by id (positions shift under other people's
 * changes). The clip playing now stays current wherever it moves, and keeps playing.
 */

function sameOrder(a: readonly VideoItem[], b: readonly VideoItem[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]?.id);
}

function sameUpcoming(before: RoomState, after: RoomState): boolean {
  const a = upcomingOf(before);
  const b = upcomingOf(after);
  return a?.itemId === b?.itemId && a?.index === b?.index && a?.startsAt === b?.startsAt;
}

/**
 * The room with `queue` as its new order (entries missing from it have left). Seed
 * clients get the whole list (and the index if it moved), protocol 3 clients one
 * `queue_order` change; `player_state` follows when the index or what plays next changed.
 */
function reordered(state: RoomState, queue: VideoItem[], now: number, line?: string): ApplyResult {
  const playing = currentItem(state);
  const found = playing ? queue.findIndex((item) => item.id === playing.id) : -1;
  let next: RoomState = { ...state, queue, lastActivity: now };
  if (found >= 0) {
    next.currentVideoIndex = found;
  } else {
    next = decide(
      { ...next, currentVideoIndex: 0 },
      { playing: false, position: 0, updatedAt: now },
    );
  }
  const effects: Effect[] = [
    {
      type: 'update_queue',
      queue,
      change: { kind: 'queue_order', itemIds: queue.map((i) => i.id) },
    },
  ];
  const indexMoved = next.currentVideoIndex !== state.currentVideoIndex;
  if (indexMoved) effects.push({ type: 'update_index', index: next.currentVideoIndex });
  if (indexMoved || found < 0 || !sameUpcoming(state, next)) {
    effects.push({ type: 'player_state', state: playerStateOf(next, now) });
  }
  if (line !== undefined) {
    const [announced, effect] = systemLine(next, line, now);
    next = announced;
    effects.push(effect);
  }
  return ok(next, effects, { type: 'order', queue: next.queue, index: next.currentVideoIndex });
}

function unchanged(state: RoomState): ApplyResult {
  return ok(state, [], { type: 'order', queue: state.queue, index: state.currentVideoIndex });
}

/** Moves the entry `itemId` so that it ends up at `toIndex`. */
export function moveVideo(
  state: RoomState,
  userId: string,
  itemId: number,
  toIndex: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const from = state.queue.findIndex((item) => item.id === itemId);
  const item = state.queue[from];
  if (!item) return fail(ErrorCode.NOT_FOUND, 'That video is no longer in the queue.');
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= state.queue.length) {
    return fail(ErrorCode.INDEX_OUT_OF_RANGE, `There is no position ${toIndex + 1} in the queue.`);
  }
  if (from === toIndex) return unchanged(state);
  const queue = state.queue.filter((entry) => entry.id !== itemId);
  queue.splice(toIndex, 0, item);
  return reordered(state, queue, now);
}

/** Moves the entry `itemId` to right after the clip playing now. */
export function playNext(
  state: RoomState,
  userId: string,
  itemId: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const item = state.queue.find((entry) => entry.id === itemId);
  if (!item) return fail(ErrorCode.NOT_FOUND, 'That video is no longer in the queue.');
  const playing = currentItem(state);
  if (!playing || playing.id === itemId) return unchanged(state);
  const queue = state.queue.filter((entry) => entry.id !== itemId);
  queue.splice(queue.findIndex((entry) => entry.id === playing.id) + 1, 0, item);
  if (sameOrder(queue, state.queue)) return unchanged(state);
  return reordered(state, queue, now);
}

/**
 * Shuffles the queue: the clip playing now goes first, every other entry follows in an
 * order drawn from `randoms` (numbers in [0, 1) the edge drew, one per draw of a
 * Fisher-Yates shuffle; missing ones count as 0), so the core stays pure.
 */
export function shuffleQueue(
  state: RoomState,
  userId: string,
  randoms: readonly number[],
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const playing = currentItem(state);
  const rest = state.queue.filter((item) => item.id !== playing?.id);
  for (let i = rest.length - 1, draw = 0; i > 0; i--, draw++) {
    const r = randoms[draw] ?? 0;
    const j = Math.min(i, Math.floor(Math.max(0, r) * (i + 1)));
    const a = rest[i];
    const b = rest[j];
    if (a && b) {
      rest[i] = b;
      rest[j] = a;
    }
  }
  const queue = playing ? [playing, ...rest] : rest;
  if (sameOrder(queue, state.queue)) return unchanged(state);
  return reordered(state, queue, now, `${member.name} shuffled the queue`);
}

/**
 * Empties the queue. With `keepCurrent` (what a person clearing "the queue" during a clip
 * expects, as in music players) the clip playing now stays and keeps playing; without it
 * everything goes and playback stops.
 */
export function clearQueue(
  state: RoomState,
  userId: string,
  keepCurrent: boolean,
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const playing = currentItem(state);
  const queue = keepCurrent && playing ? [playing] : [];
  if (sameOrder(queue, state.queue)) return unchanged(state);
  const what = queue.length > 0 ? 'cleared the rest of the queue' : 'cleared the queue';
  return reordered(state, queue, now, `${member.name} ${what}`);
}
