import type { AudioGrid } from './audio-grid';
import type { StartLatency } from './start-latency';

/**
 * A start aimed at the audio output's grid (`AudioGrid`), on the server's clock: it
 * begins on the first grid point at or after its instant, the element `skip` seconds of
 * media further into its clip than the instant's position.
 */
export interface GridAim {
  skip: number;
  /** Server time of the release. */
  releaseAt: number;
  /** A release up to this late (ms) still begins on the grid point. */
  lateToleranceMs: number;
  /** From the release to the grid point (ms): the start latency this start counts on. */
  delayMs: number;
}

/**
 * An aimed start that lands further than this (ms) from its instant says the grid is
 * wrong (the output changed): it is learnt again. Aimed starts land within 0.2 ms
 * headless (`npm run bench -- start-grid`).
 */
const GRID_MISS_MS = 4;

/**
 * Where and when to start at server time `instant`, at `rate`, on the grid if it is
 * trusted. `serverNow`: the server clock's estimate now; the grid is on the page's own.
 */
export function aimAtGrid(
  grid: AudioGrid,
  serverNow: number,
  instant: number,
  rate: number,
): GridAim | undefined {
  const offset = serverNow - grid.now();
  const local = instant - offset;
  const aim = grid.aim(local);
  if (!aim) return undefined;
  return {
    skip: ((aim.landsAt - local) / 1000) * rate,
    releaseAt: aim.releaseAt + offset,
    lateToleranceMs: aim.lateToleranceMs,
    delayMs: aim.landsAt - aim.releaseAt,
  };
}

/**
 * What an aimed start's landing (`lagMs` behind its instant, once it runs steadily)
 * teaches. Off its grid point: that the grid is wrong. On it: how long after its release
 * it began, which `latency` learns (for starts not aimed: muted, while the grid is learnt
 * again, on the next visit). A release `lateMs` later than the aim allowed may have begun
 * a period late: that teaches nothing.
 */
export function gridLearner(
  grid: AudioGrid,
  aim: GridAim,
  lateMs: number,
  latency: StartLatency,
): { learn(lagMs: number): void } {
  return {
    learn: (lagMs) => {
      if (lateMs > aim.lateToleranceMs) return;
      if (Math.abs(lagMs) > GRID_MISS_MS) grid.distrust();
      else latency.learn(aim.delayMs - lateMs + lagMs - latency.ms);
    },
  };
}
