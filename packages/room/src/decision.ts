import type { PlaybackState } from '@wt/protocol';
import type { RoomState } from './types.js';

/** What a new playback decision says; the epoch and the current item are filled in. */
export interface PlaybackDecision {
  playing: boolean;
  position: number;
  updatedAt: number;
  gate?: 'held' | 'released';
}

/**
 * A new playback decision for the room's current item (set `currentVideoIndex` first): a fresh epoch (so readiness
 * reported for an older one never counts), no countdown unless the caller keeps one.
 */
export function decide(state: RoomState, decision: PlaybackDecision): RoomState {
  const playback: PlaybackState = {
    playing: decision.playing,
    position: decision.position,
    updatedAt: decision.updatedAt,
    rate: state.playback.rate,
    epoch: state.playback.epoch + 1,
  };
  if (decision.gate !== undefined) playback.gate = decision.gate;
  const next: RoomState = { ...state, playback };
  delete next.countdownEndsAt;
  return next;
}

/** When a start asked for at `now` takes effect. */
export function startAt(now: number, leadMs: number | undefined): number {
  return now + Math.max(0, leadMs ?? 0);
}
