import type { SyncTuning } from './tuning';

/**
 * The correction planner shared by every player: from where the room is and where the
 * media is, what to do so playback converges without a visible stutter. Small errors
 * are absorbed by running a little faster or slower for a moment (a nudge, never seen
 * as a jump); only large ones, or a paused room, move the media by seeking.
 *
 * A nudge is a pulse, not a continuous controller: run at `rate` for `durationMs`, then
 * back to the room's rate. Chromium applies a rate change 80-120 ms late (the audio it
 * has buffered plays out first), and a proportional controller overshoots against such a
 * delay; a pulse's area is the error however late it lands, so one pulse, then a
 * measurement once it has landed, converges without oscillating.
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
}

/** Run at `rate` (pitch correction off) for `durationMs`, then at the room's rate again. */
export interface Nudge {
  rate: number;
  durationMs: number;
}

export interface Correction {
  /** Seconds the media is behind the room (negative: ahead). */
  error: number;
  /** Jump here: paused, to show the room's exact frame; running, to start again on it. */
  seekTo: number | undefined;
  play: boolean;
  pause: boolean;
  /** A rate pulse that closes the error, when it is outside the dead band. */
  nudge: Nudge | undefined;
}

/** The smallest rate change a nudge makes (a slower pulse would last for ever). */
const MIN_NUDGE = 0.01;

/** The pulse that removes `error` seconds: about `nudgeMs` long, within the rate bounds. */
export function nudgeFor(error: number, baseRate: number, tuning: SyncTuning): Nudge {
  const size = Math.abs(error);
  const wanted = size / (tuning.nudgeMs / 1000);
  const bound = error > 0 ? tuning.maxRate - 1 : 1 - tuning.minRate;
  const change = Math.max(MIN_NUDGE, Math.min(bound, wanted));
  return {
    rate: baseRate * (1 + Math.sign(error) * change),
    durationMs: (size / (change * baseRate)) * 1000,
  };
}

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
      nudge: undefined,
    };
  }
  if (size >= tuning.seekThreshold) {
    return { error, seekTo: target.position, play: media.paused, pause: false, nudge: undefined };
  }
  const nudge =
    tuning.canNudge && !media.paused && size > tuning.deadBand
      ? nudgeFor(error, baseRate, tuning)
      : undefined;
  return { error, seekTo: undefined, play: media.paused, pause: false, nudge };
}
