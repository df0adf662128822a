/** A regular grid of instants: `phase + k * period` for every integer k (ms). */
export interface Grid {
  period: number;
  phase: number;
  /** How tightly the instants sit on it: 1 all on it, near 0 spread at random. */
  concentration: number;
  /** Each instant's distance to its nearest grid point (ms, signed). */
  residuals: number[];
}

/** The periods searched (ms). */
export interface GridSearch {
  minPeriod: number;
  maxPeriod: number;
}

/**
 * Neighbouring periods of the search are this close in phase at the far end of the
 * instants (a share of the period): the true period is never more than half of it away
 * from a searched one, so its concentration stays near 1 and the refinement finds it.
 */
const PHASE_STEP = 1 / 16;
/** Periods whose instants' phases agree at least this well are refined. */
const REFINE_FROM = 0.9;
/**
 * Fits whose worst distance is within this (ms) of the tightest fit's count as tied: a
 * grid's fractions fit its instants exactly as tightly, a chance fit of another period
 * more loosely.
 */
const TIE_MS = 0.15;

function concentrationAt(times: readonly number[], period: number): { r: number; angle: number } {
  let cos = 0;
  let sin = 0;
  for (const time of times) {
    const angle = (2 * Math.PI * time) / period;
    cos += Math.cos(angle);
    sin += Math.sin(angle);
  }
  return { r: Math.hypot(cos, sin) / times.length, angle: Math.atan2(sin, cos) };
}

function residual(time: number, grid: { period: number; phase: number }): number {
  const { period, phase } = grid;
  const offset = (((time - phase) % period) + period) % period;
  return offset > period / 2 ? offset - period : offset;
}

/**
 * The line through the instants once each has its grid index: period and phase by least
 * squares, finer than any search step.
 */
export function gridLine(
  times: readonly number[],
  grid: { period: number; phase: number },
): { period: number; phase: number } {
  const ks = times.map((t) => Math.round((t - grid.phase) / grid.period));
  const n = times.length;
  const meanK = ks.reduce((a, b) => a + b, 0) / n;
  const meanT = times.reduce((a, b) => a + b, 0) / n;
  let sKK = 0;
  let sKT = 0;
  ks.forEach((k, i) => {
    sKK += (k - meanK) ** 2;
    sKT += (k - meanK) * ((times[i] ?? meanT) - meanT);
  });
  if (sKK === 0) return grid;
  const period = sKT / sKK;
  return { period, phase: meanT - period * meanK };
}

/**
 * The grid the instants sit on most tightly, searched over `search`: of the periods that
 * fit all instants within `tolerance` ms, the tightest fits (a chance fit of another
 * period is looser than the true one), and of those the longest, so that a grid is not
 * mistaken for one of its own fractions (every instant on a 23 ms grid is on a 7.7 ms one
 * as well, exactly as tightly). Undefined for fewer than 3 instants.
 * The search steps through periods finely enough for the instants' span (a few thousand
 * periods for 10 s of instants between 6 and 50 ms).
 */
export function fitGrid(
  times: readonly number[],
  search: GridSearch,
  tolerance = 0.5,
): Grid | undefined {
  if (times.length < 3) return undefined;
  const origin = times[0] ?? 0;
  const relative = times.map((time) => time - origin);
  const span = Math.max(1, ...relative.map(Math.abs));
  const candidates: { period: number; r: number; angle: number }[] = [];
  for (let period = search.minPeriod; period <= search.maxPeriod;) {
    candidates.push({ period, ...concentrationAt(relative, period) });
    period += (PHASE_STEP * period * period) / span;
  }
  const refine = (candidate: { period: number }, index: number) => {
    const below = candidates[index - 1]?.period ?? candidate.period;
    const above = candidates[index + 1]?.period ?? candidate.period;
    let best = { period: candidate.period, ...concentrationAt(relative, candidate.period) };
    for (let k = 0; k <= 20; k++) {
      const p = below + ((above - below) * k) / 20;
      const at = { period: p, ...concentrationAt(relative, p) };
      if (at.r > best.r) best = at;
    }
    return best;
  };
  const toGrid = (best: { period: number; r: number; angle: number }): Grid => {
    const rough = {
      period: best.period,
      phase: origin + (best.angle / (2 * Math.PI)) * best.period,
    };
    const fitsRough = times.every((t) => Math.abs(residual(t, rough)) <= tolerance);
    const grid = fitsRough ? gridLine(times, rough) : rough;
    return { ...grid, concentration: best.r, residuals: times.map((t) => residual(t, grid)) };
  };
  const fits = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => candidate.r >= REFINE_FROM)
    .map(({ candidate, index }) => toGrid(refine(candidate, index)))
    .filter((grid) => grid.residuals.every((r) => Math.abs(r) <= tolerance));
  const worst = (grid: Grid) => Math.max(...grid.residuals.map(Math.abs));
  const tightest = Math.min(...fits.map(worst));
  const tied = fits.filter((grid) => worst(grid) <= tightest + TIE_MS);
  if (tied.length > 0) return tied.reduce((a, b) => (b.period > a.period ? b : a));
  let closest = 0;
  candidates.forEach((candidate, index) => {
    if (candidate.r > (candidates[closest]?.r ?? -1)) closest = index;
  });
  const candidate = candidates[closest];
  return candidate && toGrid(refine(candidate, closest));
}
