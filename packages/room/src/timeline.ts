import {
  clipDuration,
  LoopMode,
  playabilityOf,
  positionAt,
  type UpcomingClip,
  type VideoItem,
} from '@wt/protocol';
import type { RoomState } from './types.js';

/**
 * Where playback goes by itself: when the current clip ends, what follows it and when.
 * Everything here is derived from the stored state, so every process and every client
 * computes the same answer.
 */

/** Below this many seconds before its end, a clip counts as finished. */
export const END_EPSILON_S = 0.05;

export function currentItem(state: RoomState): VideoItem | undefined {
  return state.queue[state.currentVideoIndex];
}

/** Server time the current clip ends, when it is playing and its length is known. */
export function endsAtOf(state: RoomState): number | undefined {
  const { playback } = state;
  if (!playback.playing || playback.rate <= 0) return undefined;
  const duration = clipDuration(currentItem(state));
  if (duration === undefined) return undefined;
  const remaining = Math.max(0, duration - playback.position);
  return playback.updatedAt + Math.round((remaining / playback.rate) * 1000);
}

/** Paused on the last frame of a clip (the end of the queue, or someone paused there). */
export function isStoppedAtEnd(state: RoomState): boolean {
  const duration = clipDuration(currentItem(state));
  return (
    !state.playback.playing &&
    duration !== undefined &&
    state.playback.position >= duration - END_EPSILON_S
  );
}

/** Whether the room has played the current clip to its end by `now`. */
export function hasEnded(state: RoomState, now: number): boolean {
  if (isStoppedAtEnd(state)) return true;
  const duration = clipDuration(currentItem(state));
  return (
    state.playback.playing &&
    duration !== undefined &&
    positionAt(state.playback, now) >= duration - END_EPSILON_S
  );
}

/**
 * An item nothing can play (deleted, private, a photo post, or neither an MP4 nor the
 * embed): auto-advance skips it. One still resolving counts: it may be ready in time.
 */
function isPlayable(item: VideoItem): boolean {
  return playabilityOf(item) !== 'failed';
}

/** The queue index that follows the current clip under the room's loop and autoplay rules. */
export function nextIndexOf(state: RoomState): number | undefined {
  const { queue, currentVideoIndex: current } = state;
  if (queue[current] === undefined) return undefined;
  if (state.loop === LoopMode.one) return current;
  if (!state.autoplay) return undefined;
  for (let i = current + 1; i < queue.length; i++) {
    const item = queue[i];
    if (item && isPlayable(item)) return i;
  }
  if (state.loop !== LoopMode.all) return undefined;
  for (let i = 0; i <= current; i++) {
    const item = queue[i];
    if (item && isPlayable(item)) return i;
  }
  return undefined;
}

/** The clip announced to follow the current one, with its exact start: the current end. */
export function upcomingOf(state: RoomState): UpcomingClip | undefined {
  const endsAt = endsAtOf(state);
  if (endsAt === undefined) return undefined;
  const index = nextIndexOf(state);
  const item = index === undefined ? undefined : state.queue[index];
  if (index === undefined || !item) return undefined;
  return { index, itemId: item.id, startsAt: endsAt };
}

/** When the edge should look at a room again, and why. */
export type Wakeup =
  /** Decide the buffering gate of the scheduled start of `epoch`. */
  | { kind: 'gate'; at: number; epoch: number }
  /** Check that everyone has buffered the next clip before the current one ends. */
  | { kind: 'nextGate'; at: number; epoch: number; itemId: number; next: UpcomingClip }
  /** The current clip ends: advance. */
  | { kind: 'end'; at: number; epoch: number; itemId: number };

/**
 * Every moment from `now` on at which the room may need the edge to act, given how long
 * before a start the gate is decided.
 */
export function wakeupsOf(state: RoomState, now: number, decisionMs: number): Wakeup[] {
  const { playback } = state;
  if (!playback.playing) return [];
  const wakeups: Wakeup[] = [];
  if (playback.gate === undefined && playback.updatedAt > now) {
    wakeups.push({ kind: 'gate', at: playback.updatedAt - decisionMs, epoch: playback.epoch });
  }
  const endsAt = endsAtOf(state);
  const item = currentItem(state);
  if (endsAt !== undefined && item) {
    const next = upcomingOf(state);
    if (next) {
      wakeups.push({
        kind: 'nextGate',
        at: Math.max(playback.updatedAt, endsAt - decisionMs),
        epoch: playback.epoch,
        itemId: item.id,
        next,
      });
    }
    wakeups.push({ kind: 'end', at: endsAt, epoch: playback.epoch, itemId: item.id });
  }
  return wakeups;
}
