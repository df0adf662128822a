import type { PlayerStatePayload, UpcomingClip, VideoItem } from '@wt/protocol';

/**
 * Pure playback maths shared by the players and the UI: which clip the room shows at a
 * given server time, and where in it. The clip on screen is a function of the last
 * `player_state` and the clock alone: once the announced next clip's start has passed
 * it is the next clip, before the server's own word about the switch arrives (that word
 * is one network delay late by construction), so the picture, the title, the progress
 * bar and the status line all change at the same instant on every screen.
 */

/** Below this much before the end, a clip counts as finished (seconds). */
export const END_EPSILON = 0.05;

/** A clip's length in seconds when some player has read it, else undefined. */
export type DurationOf = (itemId: number) => number | undefined;

export interface EffectivePlayback {
  /** The queue entry on screen (by id: robust against the queue moving under it). */
  itemId: number | undefined;
  /** The room plays this clip, now or from `startsAt`, and has not reached its end. */
  playing: boolean;
  /** Playing and already started: the media should be running right now. */
  running: boolean;
  /** Playing, but the start is still ahead (a lead time, a countdown, a held gate). */
  scheduled: boolean;
  /** Server time of that start (scheduled only). */
  startsAt: number | undefined;
  /** ms until it (0 unless scheduled). */
  startsIn: number;
  /** Seconds into the clip now, within its length when known. */
  position: number;
  /**
   * Server time at which position 0 of this clip passes (or passed) while it plays: the
   * identity of one run of a clip, so a clip that loops is a new run each time round.
   * Undefined when paused.
   */
  origin: number | undefined;
  /** Played to its end with nothing announced after it, or stopped on its last frame. */
  ended: boolean;
  /** The clip that follows and when it starts, when the server announced one. */
  next: UpcomingClip | undefined;
  /** This client moved to `next` on its own; the server's confirmation is on its way. */
  advanced: boolean;
  epoch: number;
  gate: 'held' | 'released' | undefined;
  rate: number;
  /** The clip's length in seconds, when known. */
  duration: number | undefined;
}

function clampTo(position: number, duration: number | undefined): number {
  const floor = Math.max(0, position);
  return duration === undefined ? floor : Math.min(floor, duration);
}

function positive(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate : 1;
}

const noDuration: DurationOf = () => undefined;

/** The announced next clip, already running at `now`. */
function advancedTo(
  state: PlayerStatePayload,
  next: UpcomingClip,
  now: number,
  durationOf: DurationOf,
): EffectivePlayback {
  const rate = positive(state.rate);
  const duration = durationOf(next.itemId);
  return {
    itemId: next.itemId,
    playing: true,
    running: true,
    scheduled: false,
    startsAt: undefined,
    startsIn: 0,
    position: clampTo(((now - next.startsAt) / 1000) * rate, duration),
    origin: next.startsAt,
    ended: false,
    next: undefined,
    advanced: true,
    epoch: state.epoch,
    gate: undefined,
    rate,
    duration,
  };
}

/** Where the room is at `now` (server clock), as every screen must show it. */
export function effectivePlayback(
  state: PlayerStatePayload,
  now: number,
  durationOf: DurationOf = noDuration,
): EffectivePlayback {
  const rate = positive(state.rate);
  const next = state.playing ? state.next : undefined;
  if (next && now >= next.startsAt) return advancedTo(state, next, now, durationOf);
  const itemId = state.itemId;
  const duration = itemId === undefined ? undefined : durationOf(itemId);
  const base = {
    itemId,
    next,
    advanced: false,
    epoch: state.epoch,
    gate: state.gate,
    rate,
    duration,
  };
  if (!state.playing) {
    return {
      ...base,
      playing: false,
      running: false,
      scheduled: false,
      startsAt: undefined,
      startsIn: 0,
      position: clampTo(state.time, duration),
      origin: undefined,
      ended: duration !== undefined && state.time >= duration - END_EPSILON,
    };
  }
  const scheduled = state.updatedAt > now;
  const raw = state.time + (Math.max(0, now - state.updatedAt) / 1000) * rate;
  const pastEnd =
    duration !== undefined
      ? raw >= duration - END_EPSILON
      : state.endsAt !== undefined && now >= state.endsAt;
  const ended = !scheduled && next === undefined && pastEnd;
  return {
    ...base,
    playing: !ended,
    running: !ended && !scheduled,
    scheduled,
    startsAt: scheduled ? state.updatedAt : undefined,
    startsIn: scheduled ? state.updatedAt - now : 0,
    position: clampTo(raw, duration),
    origin: state.updatedAt - (state.time / rate) * 1000,
    ended,
  };
}

/** Where the room will be at a later server time `at`, on the same run (no advance). */
export function positionAtTime(playback: EffectivePlayback, at: number): number {
  if (!playback.playing || playback.origin === undefined) return playback.position;
  return clampTo(((at - playback.origin) / 1000) * playback.rate, playback.duration);
}

/** The queue entry with this id; before protocol 2 (no id) the entry at `fallbackIndex`. */
export function itemOf(
  queue: readonly VideoItem[],
  itemId: number | undefined,
  fallbackIndex: number,
): { item: VideoItem | undefined; index: number } {
  if (itemId === undefined) return { item: queue[fallbackIndex], index: fallbackIndex };
  const index = queue.findIndex((entry) => entry.id === itemId);
  return index < 0 ? { item: undefined, index: fallbackIndex } : { item: queue[index], index };
}
