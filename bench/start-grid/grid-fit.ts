/** A regular grid of instants: `phase + k * period` for every integer k (ms). */
export interface Grid {
  period: number;
  phase: number;
  /** How tightly the instants sit on it: 1 all on it, near 0 spread at random. */
  concentration: number;
  /** Each instant's distance to its nearest grid point (ms, signed). */
  residuals: number[];
}

export interface GridSearch {
  minPeriod: number;
  maxPeriod: number;
  /** Step of the search (ms); the best step is refined ten times finer around it. */
  step: number;
}

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
 * The grid the instants sit on most tightly, searched over `search`: the period whose
 * phases agree best (a circular mean), the longest of those that fit all instants within
 * `tolerance` ms, so that a grid is not mistaken for one of its own fractions (every
 * instant on a 23 ms grid is on a 7.7 ms one as well). Undefined for fewer than 3 instants.
 */
export function fitGrid(
  times: readonly number[],
  search: GridSearch,
  tolerance = 0.5,
): Grid | undefined {
  if (times.length < 3) return undefined;
  const origin = times[0] ?? 0;
  const relative = times.map((time) => time - origin);
  const candidates: { period: number; r: number; angle: number }[] = [];
  for (let period = search.minPeriod; period <= search.maxPeriod; period += search.step) {
    candidates.push({ period, ...concentrationAt(relative, period) });
  }
  const refine = (period: number) => {
    let best = { period, ...concentrationAt(relative, period) };
    for (let k = -10; k <= 10; k++) {
      const p = period + (k * search.step) / 10;
      const at = { period: p, ...concentrationAt(relative, p) };
      if (at.r > best.r) best = at;
    }
    return best;
  };
  const toGrid = (best: { period: number; r: number; angle: number }): Grid => {
    const phase = origin + (best.angle / (2 * Math.PI)) * best.period;
    const grid = { period: best.period, phase };
    return { ...grid, concentration: best.r, residuals: times.map((t) => residual(t, grid)) };
  };
  const fits = candidates
    .map((candidate) => toGrid(refine(candidate.period)))
    .filter((grid) => grid.residuals.every((r) => Math.abs(r) <= tolerance));
  if (fits.length > 0) return fits.reduce((a, b) => (b.period > a.period ? b : a));
  const tightest = candidates.reduce((a, b) => (b.r > a.r ? b : a));
  return toGrid(refine(tightest.period));
}
