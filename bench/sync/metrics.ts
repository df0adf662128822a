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
    const gaps = others.map((other) => positionAt(other, point.r));
    const worst = Math.max(
      ...gaps.map((there) =>
        there === undefined ? Number.POSITIVE_INFINITY : Math.abs(point.g - there) * 1000,
      ),
    );
    if (worst > withinMs || point.paused) settledAt = undefined;
    else settledAt ??= point.r;
  }
  return settledAt === undefined ? undefined : settledAt - joinedAt;
}

/**
 * Frames one page dropped over `[from, to]`: for each element it showed there, the
 * increase of its `droppedVideoFrames`.
 */
export function droppedFrames(points: readonly Point[], from: number, to: number): number {
  const byElement = new Map<number, { first: number; last: number }>();
  for (const point of points) {
    if (point.r < from || point.r > to) continue;
    const seen = byElement.get(point.el);
    if (seen) seen.last = point.dropped;
    else byElement.set(point.el, { first: point.dropped, last: point.dropped });
  }
  let total = 0;
  for (const { first, last } of byElement.values()) total += last - first;
  return total;
}

/** Frames a page dropped in all (each element counts from 0). */
export function totalDropped(points: readonly Point[]): number {
  const byElement = new Map<number, number>();
  for (const point of points) {
    byElement.set(point.el, Math.max(byElement.get(point.el) ?? 0, point.dropped));
  }
  let total = 0;
  for (const dropped of byElement.values()) total += dropped;
  return total;
}

/**
 * Frames dropped within `windowMs` after a correction (a seek or a playback-rate change
 * of the same element): the ones a correction may have cost.
 */
export function droppedAfterCorrections(
  points: readonly Point[],
  corrections: readonly { r: number; el: number }[],
  windowMs: number,
): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const point = points[i];
    const previous = points[i - 1];
    if (!point || !previous || previous.el !== point.el || point.dropped <= previous.dropped) {
      continue;
    }
    const near = corrections.some(
      (event) => event.el === point.el && event.r <= point.r && point.r - event.r <= windowMs,
    );
    if (near) total += point.dropped - previous.dropped;
  }
  return total;
}
