// With its extension: the start-grid bench imports this file under Node's module resolution.
import { fitGrid, gridLine } from './grid-fit.js';

/** One start with sound, on the page's own clock (ms): when its rate was set, when it began. */
export interface GridLanding {
  releasedAt: number;
  landedAt: number;
}

/** A start aimed at a point of the audio output's grid (the page's own clock, ms). */
export interface LocalAim {
  /** The grid point the start begins on: at or after the instant, less than a period. */
  landsAt: number;
  /** When to set the rate for it to begin there. */
  releaseAt: number;
  /** A release up to this late (ms) still begins on `landsAt`. */
  lateToleranceMs: number;
}

export const AUDIO_GRID = {
  /**
   * Starts a grid is searched in; it is trusted once one more start falls on it. Five
   * starts can fit a wrong grid by chance (in a test, probes 358 ms apart fitted 24.82 ms
   * for 23.22 within 0.5 ms): a grid must predict a start it was not fitted to.
   */
  trustAfter: 5,
  /** The newest starts kept for the fit. */
  keep: 8,
  /** A grid whose newest start is older than this (ms) is not trusted until one more fits it. */
  staleMs: 20_000,
  /** A trusted grid asks for a fresh start this often (ms), so it never goes stale. */
  refreshMs: 3_000,
  /**
   * The periods searched (ms). Below 8 ms a start lands within 4 ms of its aim anyway,
   * and a short search keeps the fit to a few ms of the main thread.
   */
  minPeriodMs: 8,
  maxPeriodMs: 50,
  /** Every start within this of the grid (ms), or it is not trusted. */
  toleranceMs: 0.5,
} as const;

interface Fitted {
  period: number;
  phase: number;
  /** The shortest and longest delay from a release to its start seen (ms). */
  shortestDelay: number;
  longestDelay: number;
}

/**
 * The audio output's callback grid, learnt from the page's own starts. With sound, a
 * start begins on the next callback of the audio output: a regular grid (headless: 23.22
 * ms, 1024 frames at 44.1 kHz; `npm run bench -- start-grid`) whose phase the page cannot
 * read. Unaimed, a start lands anywhere within a period of its instant. Each start with
 * sound (the standby's silent probes, `grid-probe.ts`) gives one grid point; once five fit
 * one grid within 0.5 ms, a start can be aimed at the first grid point at or after its
 * instant (the element positioned that much into the clip) and released so that it cannot
 * begin on an earlier one: measured headless, aimed starts landed within 0.8 ms, unaimed
 * ones within ±15 ms.
 *
 * The release: a start released at r begins on the first grid point at or after r + D,
 * where D is the output's own delay, so every start begins between D and D + period after
 * its release: D is at most the shortest delay seen (`s`) and more than the longest (`l`)
 * less a period. Released at the point less `s` less `(l - s) / 2`, a start begins on that
 * point for any D in between, and still does when its timer fires up to `(l - s) / 2` late
 * (a busy page's timers fired 2-4 ms late in the sync bench: a fixed 2 ms slack had those
 * starts begin a whole period late). That holds whatever the true period: a grid fitted at
 * twice the true period, which its starts may fit by chance, still has only true points.
 *
 * The output's clock is a device's, not the page's: a new output (headphones plugged in)
 * has a new phase. A start that does not land where it was aimed (`distrust`), or a new
 * start off the grid, forgets what was learnt.
 */
export class AudioGrid {
  private landings: GridLanding[] = [];
  /** The grid found and confirmed by a start it was not fitted to. */
  private grid: Fitted | undefined;
  /** A grid found in the starts, still to be confirmed by the next one. */
  private candidate: Fitted | undefined;

  /** `now`: the page's own clock (ms): `performance.now()`, which no clock sync moves. */
  constructor(readonly now: () => number) {}

  /** Whether a start with sound would teach something now (too few known, or none lately). */
  wantsProbe(): boolean {
    const last = this.landings.at(-1);
    return !this.grid || last === undefined || this.now() - last.landedAt >= AUDIO_GRID.refreshMs;
  }

  /** A grid fits the starts and the newest is recent. */
  get trusted(): boolean {
    const last = this.landings.at(-1);
    return (
      this.grid !== undefined &&
      last !== undefined &&
      this.now() - last.landedAt <= AUDIO_GRID.staleMs
    );
  }

  /**
   * A start with sound began at `landedAt`, its rate set at `releasedAt`. On the grid
   * known, it refines it; off it, the output has changed: learning starts again from it.
   * On the grid found but not confirmed yet, it confirms it; off it, the search goes on.
   */
  note(landing: GridLanding): void {
    if (!(landing.landedAt > landing.releasedAt)) return;
    if (this.grid && !onGrid(landing, this.grid)) this.distrust();
    const confirms = this.candidate !== undefined && onGrid(landing, this.candidate);
    this.landings.push(landing);
    if (this.landings.length > AUDIO_GRID.keep) this.landings.shift();
    const known = this.grid ?? (confirms ? this.candidate : undefined);
    this.candidate = undefined;
    if (known) this.grid = this.refined(known);
    else this.candidate = this.searched();
  }

  /** Where and when a start at `instant` (the page's clock) lands on the grid, if trusted. */
  aim(instant: number): LocalAim | undefined {
    if (!this.trusted || !this.grid) return undefined;
    const { period, phase, shortestDelay, longestDelay } = this.grid;
    const landsAt = phase + Math.ceil((instant - phase) / period) * period;
    const lateToleranceMs = (longestDelay - shortestDelay) / 2;
    return { landsAt, releaseAt: landsAt - shortestDelay - lateToleranceMs, lateToleranceMs };
  }

  /** An aimed start did not land where it was aimed: start learning again. */
  distrust(): void {
    this.landings = [];
    this.grid = undefined;
    this.candidate = undefined;
  }

  /**
   * The shortest and longest delay of the starts, within the period that holds most of
   * them: a start can begin sooner after its release than the rest (the first after a
   * silence began 48 ms after its release where the others took 72-90 ms, in the
   * start-grid bench), and such a delay would have the aim release too early.
   */
  private delays(period: number): { shortestDelay: number; longestDelay: number } {
    const delays = this.landings.map((l) => l.landedAt - l.releasedAt).sort((a, b) => a - b);
    let best = { from: 0, to: 0 };
    delays.forEach((from, i) => {
      let to = i;
      while (to + 1 < delays.length && (delays[to + 1] ?? Infinity) < from + period) to++;
      if (to - i > best.to - best.from) best = { from: i, to };
    });
    return { shortestDelay: delays[best.from] ?? 0, longestDelay: delays[best.to] ?? 0 };
  }

  /**
   * The grid searched for among the starts (only once there are enough of them). If none
   * fits them all, one start may be the odd one out (a reading the median did not save):
   * the grid of all the others, without it. Else the newest are kept to go on with (one
   * more start, and any one of them can be left out).
   */
  private searched(): Fitted | undefined {
    const { trustAfter } = AUDIO_GRID;
    if (this.landings.length < trustAfter) return undefined;
    const all = fittedTo(this.landings);
    if (all) return { ...all, ...this.delays(all.period) };
    if (this.landings.length > trustAfter) {
      for (const odd of this.landings) {
        const others = this.landings.filter((landing) => landing !== odd);
        const found = fittedTo(others);
        if (!found) continue;
        this.landings = others;
        return { ...found, ...this.delays(found.period) };
      }
    }
    this.landings = this.landings.slice(-trustAfter);
    return undefined;
  }

  /** The known grid fitted again to every start kept (each keeps its grid index). */
  private refined(grid: { period: number; phase: number }): Fitted {
    const line = gridLine(
      this.landings.map((l) => l.landedAt),
      grid,
    );
    return { ...line, ...this.delays(line.period) };
  }
}

/** The grid every start sits on within the tolerance, if one does. */
function fittedTo(landings: readonly GridLanding[]): { period: number; phase: number } | undefined {
  const found = fitGrid(
    landings.map((l) => l.landedAt),
    { minPeriod: AUDIO_GRID.minPeriodMs, maxPeriod: AUDIO_GRID.maxPeriodMs },
    AUDIO_GRID.toleranceMs,
  );
  if (!found || found.residuals.some((r) => Math.abs(r) > AUDIO_GRID.toleranceMs)) return undefined;
  return { period: found.period, phase: found.phase };
}

/** Whether a start began on a point of the grid (within the tolerance). */
function onGrid(landing: GridLanding, grid: { period: number; phase: number }): boolean {
  const offset = (((landing.landedAt - grid.phase) % grid.period) + grid.period) % grid.period;
  const distance = Math.min(offset, grid.period - offset);
  return distance <= AUDIO_GRID.toleranceMs;
}
