import {
  clipEnd,
  clipStart,
  convergence,
  droppedFrames,
  pairwiseOffsets,
  spreadOf,
  type Spread,
} from './metrics.js';
import { pageFrames, type PageFrames } from './frames.js';
import { PAUSE_AT_S, type ScenarioResult } from './scenario.js';
import { toPoints, type ClipRef, type Point } from './timeline.js';

export interface TransitionFigures {
  /** The clip that ends (queue index). */
  from: number;
  how: 'auto' | 'driven';
  /** Per page (the first three): start of the next clip minus end of this one, ms. */
  gaps: Array<number | undefined>;
  /** Pairwise offsets over the first 3 s of the next clip. */
  spread: Spread;
}

export interface SyncFigures {
  autoAdvance: boolean;
  /** Pairwise offsets during the last clip, after its first 3 s, until the pause. */
  steady: Spread;
  transitions: TransitionFigures[];
  /** From opening the link to within 100 ms of everyone for good, ms. */
  lateJoinMs: number | undefined;
  /** From opening the link to the clip on screen, and to it playing, ms. */
  lateShownMs: number | undefined;
  lateRunningMs: number | undefined;
  /** The bench's own longest stall over the join's first seconds (see `ScenarioResult`), ms. */
  lateHarnessStallMs: number;
  /** Every page's position 1 s after one paused: max - min, ms. */
  pauseSpreadMs: number;
  /** Per page (the late joiner last): all frames dropped. */
  droppedTotal: number[];
  /** Per page: its play until the pause cut into starts, corrections and the rest. */
  frames: PageFrames[];
  /** Largest correction of a page's real clock against the harness's, ms. */
  clockOffsetMs: number;
}

const SETTLE_MS = 3_000;
const LATE_WITHIN_MS = 100;

const middle = (values: readonly (number | undefined)[]): number | undefined => {
  const known = values.filter((value) => value !== undefined).sort((a, b) => a - b);
  return known[Math.floor((known.length - 1) / 2)];
};

const since = (start: number, point: Point | undefined): number | undefined =>
  point === undefined ? undefined : point.r - start;

export function analyze(result: ScenarioResult, clips: readonly ClipRef[]): SyncFigures {
  const pages: Point[][] = result.records.map((record) => toPoints(record.samples, clips));
  const starters = pages.slice(0, 3);
  const joiner = pages[3] ?? [];
  const last = clips.length - 1;

  const transitions = result.transitions.map((transition): TransitionFigures => {
    const { from } = transition;
    const seconds = clips[from]?.seconds ?? 0;
    const gaps = starters.map((points) => {
      const end = clipEnd(points, from, seconds);
      const start = clipStart(points, from + 1);
      return end === undefined || start === undefined ? undefined : start - end;
    });
    const nextStart = middle(starters.map((points) => clipStart(points, from + 1)));
    const spread =
      nextStart === undefined
        ? spreadOf([])
        : spreadOf(pairwiseOffsets(starters, nextStart, nextStart + SETTLE_MS));
    return { from, how: transition.how, gaps, spread };
  });

  const lastStart = middle(starters.map((points) => clipStart(points, last)));
  const steadyFrom = (lastStart ?? Number.POSITIVE_INFINITY) + SETTLE_MS;
  const steadyTo = Math.min(result.pausedAt - 100, (lastStart ?? 0) + (PAUSE_AT_S + 1) * 1000);
  const positions = result.afterPause.map((sample) => sample.t ?? Number.NaN);

  return {
    autoAdvance: result.autoAdvance,
    steady: spreadOf(pairwiseOffsets(starters, steadyFrom, steadyTo)),
    transitions,
    lateJoinMs: convergence(joiner, starters, result.lateOpenedAt, steadyTo, LATE_WITHIN_MS),
    lateShownMs: since(result.lateOpenedAt, joiner[0]),
    lateRunningMs: since(
      result.lateOpenedAt,
      joiner.find((point) => !point.paused && point.rate > 0),
    ),
    lateHarnessStallMs: result.lateHarnessStallMs,
    pauseSpreadMs: (Math.max(...positions) - Math.min(...positions)) * 1000,
    droppedTotal: pages.map((points) => droppedFrames(points, undefined, undefined, true)),
    frames: pages.map((points, i) =>
      pageFrames(points, result.records[i]?.sets ?? [], clips.length, result.pausedAt),
    ),
    clockOffsetMs: Math.max(...result.records.map((record) => Math.abs(record.clockOffsetMs))),
  };
}
