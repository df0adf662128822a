import type { Sample } from './samples.js';

/** A clip of the queue as the bench made it. */
export interface ClipRef {
  id: string;
  url: string;
  seconds: number;
}

/** One sample placed on the queue's timeline: seconds since the first clip's 0. */
export interface Point {
  r: number;
  /** Queue index of the visible clip. */
  clip: number;
  /** Position in that clip, s. */
  t: number;
  /** Position on the whole queue's timeline, s. */
  g: number;
  paused: boolean;
  rate: number;
  el: number;
  duration: number;
  dropped: number;
}

const MEDIA_ID = /\/media\/(\d+)\.mp4/;

/** Where each clip starts on the queue's timeline (its real durations one after another). */
export function clipBases(clips: readonly ClipRef[]): number[] {
  const bases: number[] = [];
  let base = 0;
  for (const clip of clips) {
    bases.push(base);
    base += clip.seconds;
  }
  return bases;
}

/** The samples that show a clip of the queue, in time order. */
export function toPoints(samples: readonly Sample[], clips: readonly ClipRef[]): Point[] {
  const bases = clipBases(clips);
  const points: Point[] = [];
  for (const sample of samples) {
    const id = MEDIA_ID.exec(sample.src)?.[1];
    const clip = clips.findIndex((candidate) => candidate.id === id);
    if (clip < 0 || sample.t === undefined) continue;
    points.push({
      r: sample.r,
      clip,
      t: sample.t,
      g: (bases[clip] ?? 0) + sample.t,
      paused: sample.paused ?? true,
      rate: sample.rate ?? 1,
      el: sample.el,
      duration: sample.duration ?? 0,
      dropped: sample.dropped ?? 0,
    });
  }
  return points.sort((a, b) => a.r - b.r);
}

/** Index of the last point at or before `r` (-1 if none). */
export function lastAtOrBefore(points: readonly Point[], r: number): number {
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const point = points[middle];
    if (point && point.r <= r) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Samples further apart than this are a gap in sampling (the page's main thread was busy). */
const MAX_BRACKET_MS = 80;
/** Across such a gap, the video is taken to have played on if it advanced by the time passed, ± this. */
const GAP_TOLERANCE_MS = 20;
const MAX_GAP_MS = 2_000;

/** `before` and `after` show one uninterrupted run of playback of one clip. */
function playedThrough(before: Point, after: Point): boolean {
  if (before.clip !== after.clip || before.el !== after.el || before.paused || after.paused) {
    return false;
  }
  const span = after.r - before.r;
  if (span <= MAX_BRACKET_MS) return after.g >= before.g;
  const expected = (span * (before.rate + after.rate)) / 2;
  return span <= MAX_GAP_MS && Math.abs((after.g - before.g) * 1000 - expected) <= GAP_TOLERANCE_MS;
}

/**
 * Where a page was on the queue's timeline at real time `r`: interpolated between the
 * samples around `r` while it played one clip through (a video plays on while the page's
 * main thread is busy, so a gap in sampling is bridged when the position moved on by the
 * time passed), else the nearest sample; undefined when the page was not sampled near `r`.
 */
export function positionAt(points: readonly Point[], r: number): number | undefined {
  const i = lastAtOrBefore(points, r);
  const before = points[i];
  const after = points[i + 1];
  if (before && after && playedThrough(before, after)) {
    return before.g + ((after.g - before.g) * (r - before.r)) / (after.r - before.r);
  }
  if (before && after && after.r - before.r <= MAX_BRACKET_MS) {
    return r - before.r <= after.r - r ? before.g : after.g;
  }
  if (before && r - before.r <= MAX_BRACKET_MS / 2) return before.g;
  if (after && after.r - r <= MAX_BRACKET_MS / 2) return after.g;
  return undefined;
}
