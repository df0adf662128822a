import { clipStart } from './metrics.js';
import type { MediaSet } from './samples.js';
import { lastAtOrBefore, type Point } from './timeline.js';

/** How long after (and before) a correction its frames are watched, ms. */
export const CORRECTION_WINDOW_MS = 1_000;
/** A clip's first second on a page (and its loading and arming before) is its start. */
export const START_WINDOW_MS = 1_000;
const SAME_RATE = 1e-6;

/** A correction a page made to the element on screen while it ran. */
export interface Correction {
  r: number;
  el: number;
  /** A rate pulse's start or end; a seek; the release at rate 1 that ends a seek's re-start. */
  kind: 'rate' | 'seek' | 'restart';
}

/**
 * What corrects the element on screen among what a page set on its videos before
 * `until` (`pageFrames` keeps those of its steady play): a playback-rate change between two running rates (a pulse away from the room's rate, or back), and a
 * seek of the element on screen while it plays. The start machinery is not one: rates
 * set to or from 0 (arming at rate 0, the release at the instant), and anything set on a
 * paused element or the hidden one (loading, preparing and arming the next clip, the
 * switch). A seek's re-start ends with such a release: it is kept as `restart`, as part of
 * that correction.
 */
export function corrections(sets: readonly MediaSet[], until: number): Correction[] {
  const found: Correction[] = [];
  const restarting = new Set<number>();
  for (const set of sets) {
    if (set.r > until || !set.visible || set.paused) continue;
    if (set.what === 'time') {
      found.push({ r: set.r, el: set.el, kind: 'seek' });
      restarting.add(set.el);
    } else if (Math.abs(set.to - set.from) > SAME_RATE && set.to > 0) {
      if (set.from > 0) found.push({ r: set.r, el: set.el, kind: 'rate' });
      else if (restarting.delete(set.el)) found.push({ r: set.r, el: set.el, kind: 'restart' });
    }
  }
  return found;
}

/** Dropped frames and time (ms of play) in one part of a page's timeline. */
export interface Tally {
  dropped: number;
  ms: number;
}

/** A page's frames, its timeline cut into parts. */
export interface PageFrames {
  /** Rate changes and seeks that corrected the element on screen (re-starts not counted). */
  rateCorrections: number;
  seekCorrections: number;
  /** The same during starts (landing a start): not corrections, their frames are the start's. */
  duringStarts: number;
  /** Each clip's first second here, with its loading and arming before (starts, switches). */
  starts: Tally;
  /** Within 1 s after a correction (outside starts). */
  afterCorrection: Tally;
  /** Within 1 s before a correction (outside the above): what may have caused it. */
  beforeCorrection: Tally;
  /** The rest of the play until the pause: no correction within 1 s either side. */
  control: Tally;
}

const tally = (): Tally => ({ dropped: 0, ms: 0 });

/**
 * Cuts a page's play into starts, after corrections, before corrections and the rest,
 * up to `until` (the pause). Corrections made while a clip is in its start (landing it)
 * are the start's. Each step from one sample to the next of the same load of
 * the element on screen falls in the part of its later sample: the frames dropped over
 * it, and its length if the element was playing (not paused) at its start. The rest of
 * the frames counted in all (paused, after the pause, on a load's first sample) are in no
 * part.
 */
export function pageFrames(
  points: readonly Point[],
  sets: readonly MediaSet[],
  clipCount: number,
  until: number,
): PageFrames {
  const starts: Array<number | undefined> = [];
  for (let clip = 0; clip < clipCount; clip++) {
    // A page's own start of the clip: when it began running it here. That is the clip's 0
    // extrapolated (the same moment, or within a sample, for a page that started with the
    // room), but for the late joiner, whose clip's 0 was long before it opened the link, it
    // is its join: its landing is a start, not a correction of steady play.
    const ran = points.find((point) => point.clip === clip && !point.paused && point.rate > 0);
    const zero = clipStart(points, clip);
    starts.push(ran === undefined || zero === undefined ? zero : Math.max(zero, ran.r));
  }
  /** Whether `point`'s clip is still in its start (its first second here, or not started). */
  const starting = (point: Point): boolean => {
    const started = starts[point.clip];
    return started === undefined || point.r <= started + START_WINDOW_MS;
  };
  const all = corrections(sets, until);
  const onScreenAt = (r: number): Point | undefined => points[lastAtOrBefore(points, r)];
  const fixes = all.filter((fix) => {
    const point = onScreenAt(fix.r);
    return point !== undefined && !starting({ ...point, r: fix.r });
  });
  const near = (point: Point, after: boolean): boolean =>
    fixes.some((fix) => {
      if (fix.el !== point.el) return false;
      const since = point.r - fix.r;
      return after
        ? since > 0 && since <= CORRECTION_WINDOW_MS
        : since <= 0 && since > -CORRECTION_WINDOW_MS;
    });
  const result: PageFrames = {
    rateCorrections: fixes.filter((fix) => fix.kind === 'rate').length,
    seekCorrections: fixes.filter((fix) => fix.kind === 'seek').length,
    duringStarts:
      all.filter((fix) => fix.kind !== 'restart').length -
      fixes.filter((fix) => fix.kind !== 'restart').length,
    starts: tally(),
    afterCorrection: tally(),
    beforeCorrection: tally(),
    control: tally(),
  };
  for (let i = 1; i < points.length; i++) {
    const point = points[i];
    const previous = points[i - 1];
    if (!point || !previous || point.r > until) continue;
    if (previous.el !== point.el || previous.clip !== point.clip) continue;
    const part = starting(point)
      ? result.starts
      : near(point, true)
        ? result.afterCorrection
        : near(point, false)
          ? result.beforeCorrection
          : result.control;
    part.dropped +=
      point.dropped >= previous.dropped ? point.dropped - previous.dropped : point.dropped;
    if (!previous.paused) part.ms += point.r - previous.r;
  }
  return result;
}

/** ln(n!) */
function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
}

/**
 * Whether `k` drops in `windowMs` come at a higher rate than `background` drops in
 * `backgroundMs`: the one-sided exact test of two Poisson rates. If both had one rate, the
 * `k + background` drops would fall in the windows each with the chance that is the
 * windows' share of the time (binomial); the p-value is the chance of `k` or more there.
 * Undefined without any time in the windows or the background.
 */
export function higherRateP(
  k: number,
  windowMs: number,
  background: number,
  backgroundMs: number,
): number | undefined {
  if (windowMs <= 0 || backgroundMs <= 0) return undefined;
  const n = k + background;
  const share = windowMs / (windowMs + backgroundMs);
  let p = 0;
  for (let i = k; i <= n; i++) {
    const log =
      logFactorial(n) -
      logFactorial(i) -
      logFactorial(n - i) +
      i * Math.log(share) +
      (n - i) * Math.log(1 - share);
    p += Math.exp(log);
  }
  return Math.min(1, p);
}
