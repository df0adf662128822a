import { describe, expect, it } from 'vitest';
import { droppedWithin, pulseP, pulses, tallySlots, type DropSample, type Slot } from './tally.js';

/** Samples every 25 ms from 0 to `until`, the counter rising by one at each of `dropsAt`. */
function samplesWith(dropsAt: readonly number[], until: number): DropSample[] {
  const samples: DropSample[] = [];
  for (let at = 0; at <= until; at += 25) {
    samples.push([at, dropsAt.filter((drop) => drop <= at).length]);
  }
  return samples;
}

describe('rate-change tally', () => {
  it('counts a drop in the window of the slot it follows, by the sample that saw it', () => {
    const samples = samplesWith([1_010, 1_990], 4_000);
    expect(droppedWithin(samples, 1_000, 2_000)).toBe(2);
    expect(droppedWithin(samples, 2_000, 3_000)).toBe(0);
    // A drop seen by the first sample after a window's end is not the window's.
    expect(droppedWithin(samples, 0, 1_000)).toBe(0);
  });

  it('tallies slots by kind: how many, how many with a drop, the frames', () => {
    const slots: Slot[] = [
      { at: 0, kind: 'up' },
      { at: 1_500, kind: 'sham' },
      { at: 3_000, kind: 'down' },
      { at: 4_500, kind: 'up' },
    ];
    const samples = samplesWith([200, 210, 3_300], 6_000);
    const tally = tallySlots(samples, slots, 1_250);
    expect(tally.up).toEqual({ slots: 2, withDrop: 1, dropped: 2 });
    expect(tally.down).toEqual({ slots: 1, withDrop: 1, dropped: 1 });
    expect(tally.sham).toEqual({ slots: 1, withDrop: 0, dropped: 0 });
    expect(pulses(tally)).toEqual({ slots: 3, withDrop: 2, dropped: 3 });
  });

  it('adds pages into one tally', () => {
    const slots: Slot[] = [{ at: 0, kind: 'sham' }];
    const first = tallySlots(samplesWith([100], 2_000), slots, 1_000);
    const both = tallySlots(samplesWith([], 2_000), slots, 1_000, first);
    expect(both.sham).toEqual({ slots: 2, withDrop: 1, dropped: 1 });
  });

  it('finds pulses worse than shams only when they are', () => {
    const slotsOf = (kind: Slot['kind'], count: number, from: number): Slot[] =>
      Array.from({ length: count }, (_, i) => ({ at: from + i * 1_500, kind }));
    const pulsed = slotsOf('up', 40, 0);
    const shams = slotsOf('sham', 40, 60_000);
    const slots = [...pulsed, ...shams];
    // A drop after 10 of 40 pulses, none after the shams: worse beyond noise.
    const afterPulses = pulsed.slice(0, 10).map((slot) => slot.at + 300);
    const worse = tallySlots(samplesWith(afterPulses, 120_000), slots, 1_250);
    expect(pulseP(worse)).toBeLessThan(0.01);
    // As many after each: no evidence.
    const afterShams = shams.slice(0, 10).map((slot) => slot.at + 300);
    const even = tallySlots(samplesWith([...afterPulses, ...afterShams], 120_000), slots, 1_250);
    expect(pulseP(even)).toBeGreaterThan(0.4);
  });
});
