import { percentile } from '../measure.js';
import { positionAt, type Point } from './timeline.js';

const median = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : percentile(values, 50);

/** A distribution of pairwise offsets, ms. */
export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/**
 * How far apart every pair of pages is over `[from, to]` (real ms): at each sample of the
 * first page of a pair, the gap to where the other page was at that instant, ms.
 */
export function pairwiseOffsets(pages: readonly Point[][], from: number, to: number): number[] {
  const offsets: number[] = [];
  for (let a = 0; a < pages.length; a++) {
    for (let b = a + 1; b < pages.length; b++) {
      const other = pages[b] ?? [];
      for (const point of pages[a] ?? []) {
        if (point.r < from || point.r > to) continue;
        const there = positionAt(other, point.r);
        if (there !== undefined) offsets.push(Math.abs(point.g - there) * 1000);
      }
    }
  }
  return offsets;
}

/** Playing samples of clip `clip`, moving forward (the first decoded frame shown). */
const running = (points: readonly Point[], clip: number): Point[] =>
  points.filter((point) => point.clip === clip && !point.paused && point.t >= 0.1);

/**
 * Real time a page showed `clip` at 0: its first playing samples extrapolated back to 0
 * (at the rate it played), the median of five.
 */
export function clipStart(points: readonly Point[], clip: number): number | undefined {
  const first = running(points, clip).slice(0, 5);
  return median(first.map((point) => point.r - (point.t * 1000) / point.rate));
}

/**
 * Real time a page's `clip` ended: its last playing samples extrapolated forward to the
 * clip's duration (the start seen from the end of the clip, plus the duration), the
 * median of five.
 */
export function clipEnd(
  points: readonly Point[],
  clip: number,
  seconds: number,
): number | undefined {
  const last = running(points, clip)
    .filter((point) => point.t < seconds - 0.01)
    .slice(-5);
  return median(last.map((point) => point.r + ((seconds - point.t) * 1000) / point.rate));
}

/**
 * Time from `joinedAt` until `joiner` is within `withinMs` of every other page and stays
 * there up to `until`; undefined if it never settles.
 */
export function convergence(
  joiner: readonly Point[],
  others: readonly Point[][],
  joinedAt: number,
  until: number,
  withinMs: number,
): number | undefined {
  let settledAt: number | undefined;
  for (const point of joiner) {
    if (point.r < joinedAt || point.r > until) continue;
    const there = others.map((other) => positionAt(other, point.r));
    // Where another page was not sampled, this instant tells nothing.
    if (there.some((position) => position === undefined)) continue;
    const worst = Math.max(...there.map((position) => Math.abs(point.g - (position ?? 0)) * 1000));
    if (worst > withinMs || point.paused) settledAt = undefined;
    else settledAt ??= point.r;
  }
  return settledAt === undefined ? undefined : settledAt - joinedAt;
}

/**
 * Frames one page dropped on screen over `[from, to]`: the increases of the visible
 * element's `droppedVideoFrames` from sample to sample (a new load restarts its count).
 * `fromLoad` also counts what a load had dropped when it first came on screen.
 */
export function droppedFrames(
  points: readonly Point[],
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
  fromLoad = false,
): number {
  let total = 0;
  let previous: Point | undefined;
  for (const point of points) {
    if (point.r < from || point.r > to) continue;
    const sameLoad = previous?.el === point.el && previous.clip === point.clip;
    if (previous && sameLoad) {
      total += point.dropped >= previous.dropped ? point.dropped - previous.dropped : point.dropped;
    } else if (fromLoad) {
      total += point.dropped;
    }
    previous = point;
  }
  return total;
}
