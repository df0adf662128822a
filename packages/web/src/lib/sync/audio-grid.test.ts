import { describe, expect, it } from 'vitest';
import { AUDIO_GRID, AudioGrid } from './audio-grid';

const PERIOD = 1024 / 44.1;
const PHASE = 3.7;
const DELAY = 70;

/** A start released at `releasedAt` on an output of PERIOD, PHASE and DELAY. */
function landing(releasedAt: number, period = PERIOD, phase = PHASE) {
  const landedAt = phase + Math.ceil((releasedAt + DELAY - phase) / period) * period;
  return { releasedAt, landedAt };
}

function gridAfter(releases: readonly number[], clock: { t: number }): AudioGrid {
  const grid = new AudioGrid(() => clock.t);
  for (const releasedAt of releases) {
    const start = landing(releasedAt);
    clock.t = start.landedAt + 150;
    grid.note(start);
  }
  return grid;
}

const RELEASES = [1000, 1437.3, 1911.9, 2380.2, 2851.6, 3290.4];

describe('AudioGrid', () => {
  it('is trusted only once a sixth start falls on the grid five were fitted to', () => {
    const clock = { t: 0 };
    const five = gridAfter(RELEASES.slice(0, 5), clock);
    expect(five.trusted).toBe(false);
    expect(five.aim(clock.t + 1000)).toBeUndefined();
    expect(five.wantsProbe()).toBe(true);
    const six = gridAfter(RELEASES, clock);
    expect(six.trusted).toBe(true);
    expect(six.wantsProbe()).toBe(false);
  });

  it('does not trust a grid the next start does not fall on (a chance fit)', () => {
    const clock = { t: 0 };
    const grid = gridAfter(RELEASES.slice(0, 5), clock);
    // Off every grid point by a third of a period: whatever five fitted is not confirmed.
    const landedAt = landing(3290.4).landedAt + PERIOD / 3;
    clock.t = landedAt + 150;
    grid.note({ releasedAt: 3290.4, landedAt });
    expect(grid.trusted).toBe(false);
  });

  it('aims a start at the first grid point at or after its instant, released to begin on it', () => {
    const clock = { t: 0 };
    const grid = gridAfter(RELEASES, clock);
    for (const instant of [4000, 4011.11, 5555.5, 7000]) {
      const aim = grid.aim(instant);
      expect(aim).toBeDefined();
      if (!aim) continue;
      expect(aim.landsAt).toBeGreaterThanOrEqual(instant);
      expect(aim.landsAt - instant).toBeLessThan(PERIOD);
      // Released then, the output begins exactly on the aimed point.
      expect(landing(aim.releaseAt).landedAt).toBeCloseTo(aim.landsAt, 3);
      // ... and still does for a release late by less than its tolerance (several ms).
      expect(aim.lateToleranceMs).toBeGreaterThan(3);
      const late = aim.releaseAt + aim.lateToleranceMs * 0.95;
      expect(landing(late).landedAt).toBeCloseTo(aim.landsAt, 3);
    }
  });

  it('aims by the delays most starts share, not by one start that began sooner', () => {
    const clock = { t: 0 };
    const grid = new AudioGrid(() => clock.t);
    RELEASES.forEach((releasedAt, i) => {
      const start = landing(releasedAt);
      // The first began a whole 2 periods sooner after its release, on the grid all the same.
      const early =
        i === 0 ? { releasedAt: releasedAt + 2 * PERIOD, landedAt: start.landedAt } : start;
      clock.t = start.landedAt + 150;
      grid.note(early);
    });
    const aim = grid.aim(clock.t + 800);
    expect(aim && landing(aim.releaseAt).landedAt).toBeCloseTo(aim?.landsAt ?? NaN, 3);
  });

  it('lands on true grid points even when its starts fit a grid of twice the period', () => {
    // Every start on an even point: they fit 2 x PERIOD, a grid whose points are all true.
    const clock = { t: 0 };
    const grid = new AudioGrid(() => clock.t);
    for (const k of [40, 62, 90, 118, 150, 176]) {
      const landedAt = PHASE + k * PERIOD;
      clock.t = landedAt + 150;
      grid.note({ releasedAt: landedAt - DELAY - (k % 3) * 5, landedAt });
    }
    const aim = grid.aim(clock.t + 800);
    expect(aim).toBeDefined();
    if (!aim) return;
    expect(landing(aim.releaseAt).landedAt).toBeCloseTo(aim.landsAt, 3);
  });

  it('learns again from a start off the grid (a new audio output)', () => {
    const clock = { t: 0 };
    const grid = gridAfter(RELEASES, clock);
    const moved = landing(3400, PERIOD, PHASE + 9);
    clock.t = moved.landedAt + 150;
    grid.note(moved);
    expect(grid.trusted).toBe(false);
    for (const releasedAt of [3900, 4370.4, 4822.2, 5301.7, 5766.1]) {
      const start = landing(releasedAt, PERIOD, PHASE + 9);
      clock.t = start.landedAt + 150;
      grid.note(start);
    }
    expect(grid.trusted).toBe(true);
    const aim = grid.aim(clock.t + 800);
    expect(aim && landing(aim.releaseAt, PERIOD, PHASE + 9).landedAt).toBeCloseTo(
      aim?.landsAt ?? NaN,
      3,
    );
  });

  it('leaves out one start off the grid the others share (a reading gone wrong)', () => {
    const clock = { t: 0 };
    const grid = new AudioGrid(() => clock.t);
    const releases = [...RELEASES, 3777.7];
    releases.forEach((releasedAt, i) => {
      const start = landing(releasedAt);
      // The third reading is 6 ms off: no grid fits all six, five fit one.
      const landedAt = i === 2 ? start.landedAt + 6 : start.landedAt;
      clock.t = landedAt + 150;
      grid.note({ releasedAt, landedAt });
    });
    expect(grid.trusted).toBe(true);
    const aim = grid.aim(clock.t + 800);
    expect(aim && landing(aim.releaseAt).landedAt).toBeCloseTo(aim?.landsAt ?? NaN, 3);
  });

  it('finds no grid in starts that sit on none (a muted or unsteady output)', () => {
    const clock = { t: 0 };
    const grid = new AudioGrid(() => clock.t);
    RELEASES.forEach((releasedAt, i) => {
      const landedAt = releasedAt + DELAY + 17.3 * Math.abs(Math.sin(i * 78.233));
      clock.t = landedAt + 150;
      grid.note({ releasedAt, landedAt });
    });
    expect(grid.trusted).toBe(false);
  });

  it('asks for a fresh start every few seconds, and stops trusting a grid gone stale', () => {
    const clock = { t: 0 };
    const grid = gridAfter(RELEASES, clock);
    clock.t += AUDIO_GRID.refreshMs;
    expect(grid.wantsProbe()).toBe(true);
    expect(grid.trusted).toBe(true);
    clock.t += AUDIO_GRID.staleMs;
    expect(grid.trusted).toBe(false);
    const fresh = landing(clock.t);
    clock.t = fresh.landedAt + 150;
    grid.note(fresh);
    expect(grid.trusted).toBe(true);
  });

  it('forgets everything when an aimed start missed', () => {
    const clock = { t: 0 };
    const grid = gridAfter(RELEASES, clock);
    grid.distrust();
    expect(grid.trusted).toBe(false);
    expect(grid.wantsProbe()).toBe(true);
  });
});
