import type { AudioGrid } from './audio-grid';
import type { StartLatency } from './start-latency';
import { START_TIMING } from './tuning';

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
 * When to release a start at server time `at` whose element waits `skip` s of media past
 * the instant's frame: at the grid's moment if it was aimed there and still has sound;
 * else its start latency before the instant, the skip later (a muted start does not wait
 * for the audio output, so an aim made with sound no longer holds).
 */
export function releaseMoment(
  at: number,
  skip: number,
  rate: number,
  latencyMs: number,
  aim: GridAim | undefined,
  muted: boolean,
): number {
  if (aim && !muted) return aim.releaseAt;
  return at + (skip * 1000) / rate - latencyMs;
}

/**
 * How an aimed start released `lateMs` after its moment lands. Within its tolerance it
 * began on its grid point, on time: nothing to catch up, and its landing (`lagMs` behind,
 * once it runs steadily) checks the grid (off its point: the grid is learnt again). Later
 * than that it may have begun a period late: it is caught up by its lateness, as any late
 * release is. Its landing teaches `latency` how long after its release it began (for
 * starts not aimed: muted, while the grid is learnt again, on the next visit): the delay
 * its aim allowed, less the lateness not caught up, plus the lag left. Not after a
 * catch-up pulse of its own (a lateness past `latePulseMinMs`): what is left then is the
 * pulse's overshoot on a late main thread as much as the start's delay.
 */
export function aimedLanding(
  grid: AudioGrid,
  aim: GridAim,
  lateMs: number,
  latency: StartLatency,
): { catchUpMs: number; learner: { learn(lagMs: number): void } } {
  const inTime = lateMs <= aim.lateToleranceMs;
  const catchUpMs = inTime ? 0 : lateMs;
  const pulsed = catchUpMs >= START_TIMING.latePulseMinMs;
  return {
    catchUpMs,
    learner: {
      learn: (lagMs) => {
        if (inTime && Math.abs(lagMs) > GRID_MISS_MS) grid.distrust();
        if (!pulsed) latency.learn(aim.delayMs - (lateMs - catchUpMs) + lagMs - latency.ms);
      },
    },
  };
}
