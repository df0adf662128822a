import { positionAt, type PlayerStatePayload } from '@wt/protocol';

/**
 * Pure playback maths shared by both players: where the room is now, and what a
 * local media element must do to match it. The element never decides on its own;
 * it is steered towards the server's `player_state`, so there are no echo loops.
 */

export interface PlaybackTarget {
  /** Seconds into the video, clamped to its duration when known. */
  position: number;
  /** Whether the media should be running right now. */
  playing: boolean;
  /** Playing is scheduled for later (a countdown or a lead time): `startsIn` ms. */
  scheduled: boolean;
  startsIn: number;
  /** The room is playing but the position has reached the end. */
  ended: boolean;
}

/** Below this much before the end, a playing video counts as finished. */
const END_EPSILON = 0.05;

export function playbackTarget(
  state: PlayerStatePayload,
  serverNow: number,
  duration?: number,
): PlaybackTarget {
  const raw = positionAt(
    { playing: state.playing, position: state.time, updatedAt: state.updatedAt, rate: state.rate },
    serverNow,
  );
  const known = duration !== undefined && Number.isFinite(duration) && duration > 0;
  const position = known ? Math.min(raw, duration) : raw;
  const scheduled = state.playing && state.updatedAt > serverNow;
  const ended = known && state.playing && !scheduled && raw >= duration - END_EPSILON;
  return {
    position,
    playing: state.playing && !scheduled && !ended,
    scheduled,
    startsIn: scheduled ? state.updatedAt - serverNow : 0,
    ended,
  };
}

export const SYNC_TUNING = {
  /** Off by more than this while playing: seek (seconds). */
  seekThreshold: 0.3,
  /** Off by more than this while paused: seek, so everyone shows the same frame. */
  pausedSeekThreshold: 0.1,
  /** No correction inside this band, so playback never stutters (seconds). */
  deadBand: 0.04,
  /** Smaller drift is absorbed by nudging the rate by up to this fraction. */
  maxRateNudge: 0.08,
  /** Rate change per second of drift. */
  nudgeGain: 0.5,
} as const;

export interface MediaSnapshot {
  currentTime: number;
  paused: boolean;
}

export interface Correction {
  seekTo: number | undefined;
  play: boolean;
  pause: boolean;
  playbackRate: number;
}

export function planCorrection(
  target: PlaybackTarget,
  media: MediaSnapshot,
  baseRate = 1,
  tuning: typeof SYNC_TUNING = SYNC_TUNING,
): Correction {
  const drift = target.position - media.currentTime;
  const size = Math.abs(drift);
  if (!target.playing) {
    return {
      seekTo: size > tuning.pausedSeekThreshold ? target.position : undefined,
      play: false,
      pause: !media.paused,
      playbackRate: baseRate,
    };
  }
  if (size > tuning.seekThreshold) {
    return { seekTo: target.position, play: media.paused, pause: false, playbackRate: baseRate };
  }
  const nudge =
    size > tuning.deadBand
      ? Math.max(-tuning.maxRateNudge, Math.min(tuning.maxRateNudge, drift * tuning.nudgeGain))
      : 0;
  return {
    seekTo: undefined,
    play: media.paused,
    pause: false,
    playbackRate: baseRate * (1 + nudge),
  };
}
