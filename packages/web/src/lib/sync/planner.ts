import type { SyncTuning } from './tuning';

/**
 * The correction planner shared by every player: from where the room is and where the
 * media is, what to do so playback converges without a visible stutter. Small errors
 * are absorbed by running a little faster or slower (a rate nudge, never audible as a
 * jump); only large ones, or a paused room, move the media by seeking.
 */

export interface RoomTarget {
  /** The media should be running now. */
  running: boolean;
  /** Seconds into the clip the room is at. */
  position: number;
}

export interface MediaReading {
  currentTime: number;
  paused: boolean;
  playbackRate: number;
}

export interface Correction {
  /** Seconds the media is behind the room (negative: ahead). */
  error: number;
  /** Jump here: paused, to show the room's exact frame; running, to start again on it. */
  seekTo: number | undefined;
  play: boolean;
  pause: boolean;
  /** The rate to run at now. */
  rate: number;
  /** `rate` is off the room's to close an error (pitch correction should be off meanwhile). */
  nudging: boolean;
}

/** Rates closer than this are the same rate. */
const RATE_EPSILON = 1e-6;

export function planCorrection(
  target: RoomTarget,
  media: MediaReading,
  baseRate: number,
  tuning: SyncTuning,
): Correction {
  const error = target.position - media.currentTime;
  const size = Math.abs(error);
  if (!target.running) {
    return {
      error,
      seekTo: size > tuning.pausedTolerance ? target.position : undefined,
      play: false,
      pause: !media.paused,
      rate: baseRate,
      nudging: false,
    };
  }
  if (size >= tuning.seekThreshold) {
    return {
      error,
      seekTo: target.position,
      play: media.paused,
      pause: false,
      rate: baseRate,
      nudging: false,
    };
  }
  const nudgingNow = Math.abs(media.playbackRate - baseRate) > RATE_EPSILON;
  const nudge =
    tuning.canNudge &&
    !media.paused &&
    (size > tuning.deadBand || (nudgingNow && size > tuning.settleBand));
  const rate = nudge
    ? Math.min(
        baseRate * tuning.maxRate,
        Math.max(baseRate * tuning.minRate, baseRate * (1 + tuning.nudgeGain * error)),
      )
    : baseRate;
  return { error, seekTo: undefined, play: media.paused, pause: false, rate, nudging: nudge };
}
