import { PRELOAD_TIMING } from './tuning';

/**
 * When to load the next clip into the hidden element. Loading a `<video>` blocks the
 * main thread for 50-100 ms, so it never happens at an instant that matters: not while
 * the current clip is starting, not right before the switch. The earliest safe moment
 * after the current clip has settled gives the hidden element the most time to buffer.
 */
export interface PreloadMoment {
  /** The next clip's media path (undefined: nothing to preload, or not an MP4). */
  nextSrc: string | undefined;
  /** What the hidden element holds now. */
  loadedSrc: string | undefined;
  /**
   * How long ago the visible element started running (ms); `Infinity` when nothing of
   * ours is running to be disturbed (an embed plays), `undefined` while a start is pending.
   */
  runningForMs: number | undefined;
  /** ms until the next clip starts. */
  untilSwitchMs: number;
}

export function shouldPreload(moment: PreloadMoment): boolean {
  const { runningForMs, untilSwitchMs } = moment;
  if (moment.nextSrc === undefined || moment.nextSrc === moment.loadedSrc) return false;
  if (runningForMs === undefined) return false;
  // A short clip cannot wait the full settling time: a third of its run will do.
  const settle = Math.min(
    PRELOAD_TIMING.afterStartMs,
    PRELOAD_TIMING.shortClipShare * (runningForMs + untilSwitchMs),
  );
  return runningForMs >= settle && untilSwitchMs > PRELOAD_TIMING.notWithinMs;
}
