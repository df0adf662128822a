import { positionAtTime, type EffectivePlayback } from '../playback-sync';
import type { BufferedRanges } from './media';
import { START_TIMING } from './tuning';

/**
 * How a player starts a clip on the exact frame at the exact moment: seek (paused, or
 * at rate 0) to the start position, wait until enough is buffered, call `play()` at rate
 * 0 a few hundred ms early (the pipeline is then running but the frame does not move),
 * and set the rate at the instant. These are the pure decisions of that sequence.
 */

/** `HTMLMediaElement.HAVE_FUTURE_DATA`: enough to play a little past the current frame. */
export const HAVE_FUTURE_DATA = 3;
/** `HTMLMediaElement.HAVE_METADATA`. */
export const HAVE_METADATA = 1;

export interface StartPlan {
  /** Server time at which the clip must be running from `position`. */
  at: number;
  position: number;
  /** `room`: a start the server scheduled (its epoch is reported ready); `local`: our own. */
  kind: 'room' | 'local';
  epoch: number | undefined;
}

export interface PrepReading {
  currentTime: number;
  seeking: boolean;
  readyState: number;
  paused: boolean;
  playbackRate: number;
}

export type StartStep =
  /** Move to the start position (an element that runs is first stopped at rate 0). */
  | { kind: 'seek'; to: number }
  /** Seeking or buffering. */
  | { kind: 'wait' }
  /** Prepared; too early to arm. */
  | { kind: 'ready' }
  /** Time to `play()` at rate 0. */
  | { kind: 'arm' }
  /** Armed, waiting for the instant. */
  | { kind: 'armed' }
  /** The instant has come (the timer aimed at it was late): start now. */
  | { kind: 'fire' }
  /** The instant passed before the media was prepared. */
  | { kind: 'missed' };

/**
 * A start found this late at most (ms) is fired anyway and caught up by nudging (at up to
 * twice the rate); a later one is planned again.
 */
export const MAX_LATE_FIRE_MS = 400;

/** Armed: `play()` has been called, the rate is 0, so the frame holds but the pipeline runs. */
export function isArmed(media: Pick<PrepReading, 'paused' | 'playbackRate'>): boolean {
  return !media.paused && media.playbackRate === 0;
}

export function startStep(
  plan: StartPlan,
  media: PrepReading,
  now: number,
  armLeadMs: number = START_TIMING.armLeadMs,
): StartStep {
  const positioned =
    !media.seeking && Math.abs(media.currentTime - plan.position) <= START_TIMING.positionTolerance;
  const prepared = positioned && media.readyState >= HAVE_FUTURE_DATA;
  if (now >= plan.at) {
    // A little late is still worth it (the rest is caught up by nudging): fire as soon as
    // the media is prepared, if it is on its way there.
    const inTime = now - plan.at <= MAX_LATE_FIRE_MS;
    if (prepared && inTime) return { kind: 'fire' };
    if (inTime && (positioned || media.seeking)) return { kind: 'wait' };
    return { kind: 'missed' };
  }
  if (!positioned) return media.seeking ? { kind: 'wait' } : { kind: 'seek', to: plan.position };
  if (!prepared) return { kind: 'wait' };
  if (now >= plan.at - armLeadMs) return isArmed(media) ? { kind: 'armed' } : { kind: 'arm' };
  return { kind: 'ready' };
}

/** Prepared for the start: what `readyEpoch` reports. */
export function isPrepared(step: StartStep): boolean {
  return step.kind === 'ready' || step.kind === 'arm' || step.kind === 'armed';
}

/**
 * A start of our own on the room's running clip, `leadMs` from now: where the room will
 * be then. Used to join a clip already running, after a stall and after a large error.
 */
export function localStart(playback: EffectivePlayback, now: number, leadMs: number): StartPlan {
  const at = now + leadMs;
  return { at, position: positionAtTime(playback, at), kind: 'local', epoch: undefined };
}

/** The lead of our next start: longer after each miss, back to the base after a success. */
export function localLead(misses: number, loaded: boolean, rttMs: number | undefined): number {
  const base = loaded
    ? START_TIMING.localLeadMs
    : START_TIMING.loadLeadMs + START_TIMING.loadRoundTrips * (rttMs ?? 100);
  return Math.min(START_TIMING.maxLocalLeadMs, base * 2 ** Math.max(0, misses));
}

/** Seconds of media past the start position that make it "buffered there". */
const BUFFERED_AHEAD_S = 0.5;

/** Whether `ranges` hold the media from `position` on (a seek there needs no request). */
export function bufferedAt(ranges: BufferedRanges, position: number, duration: number): boolean {
  const until = Math.min(position + BUFFERED_AHEAD_S, duration);
  for (let i = 0; i < ranges.length; i++) {
    if (ranges.start(i) <= position && ranges.end(i) >= until) return true;
  }
  return false;
}

/**
 * The start of a clip being loaded, aimed again once its metadata is here: what is left
 * is known now. The seek to the start position is under way; with the data there in the
 * buffer (`isBuffered`) the start needs a seek and an arm (`metadataLeadMs`), else a
 * round trip more for the data. Moved sooner when the guess made at the load (which
 * counted on a slower response) is later than that; moved later when its instant is
 * nearer than a seek and an arm can make (`metadataMinLeadMs`: the metadata came late,
 * and a start found late is caught up at up to twice the rate). Else undefined: kept.
 */
export function metadataStart(
  plan: StartPlan,
  playback: EffectivePlayback,
  isBuffered: (position: number) => boolean,
  rttMs: number | undefined,
  now: number,
): StartPlan | undefined {
  const quick = localStart(playback, now, START_TIMING.metadataLeadMs);
  const aimed = isBuffered(quick.position)
    ? quick
    : localStart(playback, now, START_TIMING.metadataLeadMs + (rttMs ?? 100));
  const sooner = aimed.at < plan.at - REAIM_MIN_GAIN_MS;
  const tooNear = plan.at < now + START_TIMING.metadataMinLeadMs;
  return sooner || tooNear ? aimed : undefined;
}

/** A load's start is aimed again only if that brings it this much sooner (ms). */
const REAIM_MIN_GAIN_MS = 20;

/**
 * The start of a clip being loaded, aimed again with the round trip known now, or
 * undefined when that is not `REAIM_MIN_GAIN_MS` sooner. The load's start was aimed with
 * the round trip the clock knew at the load (`loadedAt`): the page's first responses,
 * which a new connection can stretch (measured behind the bench's proxy: 190-300 ms on a
 * 150 ms path, so a lead of 570-800 ms where 500 would do). A better one learnt before the
 * media's metadata (its own response is one) aims it sooner at no cost: until the metadata
 * the element has not seeked, its start position is only where it will begin. Never
 * nearer than a round trip from now: the media's data is still to come.
 */
export function soonerLoadStart(
  plan: StartPlan,
  playback: EffectivePlayback,
  loadedAt: number,
  rttMs: number | undefined,
  now: number,
): StartPlan | undefined {
  const at = loadedAt + localLead(0, false, rttMs);
  if (at > plan.at - REAIM_MIN_GAIN_MS || at < now + (rttMs ?? 0)) return undefined;
  return localStart(playback, now, at - now);
}
