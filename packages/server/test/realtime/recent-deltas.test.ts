import type { RoomDelta } from '@wt/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { RECENT_DELTAS_PER_ROOM, RecentDeltas } from '../../src/realtime/recent-deltas.js';

const delta = (rev: number): RoomDelta => ({ rev, changes: [] });

describe('RecentDeltas: a big room’s changes of the reconnect grace', () => {
  let now = 0;
  let recent: RecentDeltas;
  afterEach(() => {
    recent.close();
  });

  it('keeps each room’s changes for the grace, oldest first, and lets older ones go', () => {
    recent = new RecentDeltas(15_000, () => now);
    now = 1_000;
    recent.add('a', delta(1));
    recent.add('b', delta(1));
    now = 10_000;
    recent.add('a', delta(2));
    expect(recent.of('a').map((d) => d.rev)).toEqual([1, 2]);
    now = 16_500;
    expect(recent.of('a').map((d) => d.rev)).toEqual([2]);
    expect(recent.of('b')).toEqual([]);
    now = 25_001;
    expect(recent.of('a')).toEqual([]);
  });

  it('holds at most RECENT_DELTAS_PER_ROOM per room, the newest', () => {
    recent = new RecentDeltas(15_000, () => now);
    for (let rev = 1; rev <= RECENT_DELTAS_PER_ROOM + 10; rev++) recent.add('crowd', delta(rev));
    const kept = recent.of('crowd');
    expect(kept).toHaveLength(RECENT_DELTAS_PER_ROOM);
    expect(kept[0]?.rev).toBe(11);
  });
});
