import type { RoomDelta } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaStream } from './delta-stream';

const delta = (rev: number): RoomDelta => ({
  rev,
  changes: [{ kind: 'index', index: rev }],
});

function stream() {
  const applied: number[] = [];
  let resyncs = 0;
  const deltas = new DeltaStream({
    apply: (d) => applied.push(d.rev),
    resync: () => {
      resyncs++;
    },
    gapMs: 1_000,
  });
  return { deltas, applied, resyncs: () => resyncs };
}

describe('DeltaStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds what arrives before the room, then applies only what is newer than it', () => {
    const { deltas, applied } = stream();
    deltas.receive(delta(4));
    deltas.receive(delta(5));
    deltas.receive(delta(6));
    expect(applied).toEqual([]);
    expect(deltas.base(5)).toBe(true);
    expect(applied).toEqual([6]);
  });

  it('applies in revision order, drops duplicates and older ones', () => {
    const { deltas, applied, resyncs } = stream();
    deltas.base(10);
    deltas.receive(delta(12));
    deltas.receive(delta(11));
    deltas.receive(delta(11));
    deltas.receive(delta(9));
    deltas.receive(delta(13));
    expect(applied).toEqual([11, 12, 13]);
    vi.advanceTimersByTime(5_000);
    expect(resyncs()).toBe(0);
  });

  it('asks for the room when a revision stays missing, and again while it does', () => {
    const { deltas, applied, resyncs } = stream();
    deltas.base(1);
    deltas.receive(delta(3));
    vi.advanceTimersByTime(999);
    expect(resyncs()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(resyncs()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(resyncs()).toBe(2);
    // The room arrives at 3: the gap is closed, nothing is applied twice.
    expect(deltas.base(3)).toBe(true);
    deltas.receive(delta(4));
    expect(applied).toEqual([4]);
    vi.advanceTimersByTime(5_000);
    expect(resyncs()).toBe(2);
  });

  it('refuses a room older than what it shows (a read overtaken by changes)', () => {
    const { deltas, applied } = stream();
    deltas.base(1);
    deltas.receive(delta(2));
    deltas.receive(delta(3));
    expect(deltas.base(2)).toBe(false);
    deltas.receive(delta(4));
    expect(applied).toEqual([2, 3, 4]);
  });

  it('forgets everything on a new session', () => {
    const { deltas, applied } = stream();
    deltas.base(7);
    deltas.receive(delta(9));
    deltas.reset();
    deltas.receive(delta(2));
    deltas.base(1);
    expect(applied).toEqual([2]);
  });
});
