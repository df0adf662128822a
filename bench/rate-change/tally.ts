import { higherRateP } from '../sync/frames.js';

export type SlotKind = 'up' | 'down' | 'sham';

export interface Slot {
  at: number;
  kind: SlotKind;
}

/** `[page time, droppedVideoFrames so far]`, every 25 ms. */
export type DropSample = readonly [number, number];

/** Slots of one kind: how many, how many were followed by a dropped frame, the frames. */
export interface KindTally {
  slots: number;
  withDrop: number;
  dropped: number;
}

export interface RateTally {
  up: KindTally;
  down: KindTally;
  sham: KindTally;
}

const empty = (): KindTally => ({ slots: 0, withDrop: 0, dropped: 0 });

/** Frames dropped between two samples falling in `(from, to]`. */
export function droppedWithin(samples: readonly DropSample[], from: number, to: number): number {
  let dropped = 0;
  for (let i = 1; i < samples.length; i++) {
    const [at, count] = samples[i] ?? [0, 0];
    const [, before] = samples[i - 1] ?? [0, 0];
    if (at > from && at <= to) dropped += Math.max(0, count - before);
  }
  return dropped;
}

/** Each slot's frames dropped within `windowMs` after it began, by kind. */
export function tallySlots(
  samples: readonly DropSample[],
  slots: readonly Slot[],
  windowMs: number,
  into: RateTally = { up: empty(), down: empty(), sham: empty() },
): RateTally {
  for (const slot of slots) {
    const dropped = droppedWithin(samples, slot.at, slot.at + windowMs);
    const tally = into[slot.kind];
    tally.slots++;
    tally.dropped += dropped;
    if (dropped > 0) tally.withDrop++;
  }
  return into;
}

/** Pulses of both directions together. */
export function pulses(tally: RateTally): KindTally {
  return {
    slots: tally.up.slots + tally.down.slots,
    withDrop: tally.up.withDrop + tally.down.withDrop,
    dropped: tally.up.dropped + tally.down.dropped,
  };
}

/**
 * Whether pulses are followed by more dropped frames than shams of the same window: the
 * one-sided exact test of two Poisson rates, each slot's window its time.
 */
export function pulseP(tally: RateTally): number | undefined {
  const pulsed = pulses(tally);
  return higherRateP(pulsed.dropped, pulsed.slots, tally.sham.dropped, tally.sham.slots);
}
