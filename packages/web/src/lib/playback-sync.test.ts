import type { PlayerStatePayload, VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { effectivePlayback, itemOf, positionAtTime } from './playback-sync';

const state = (extra: Partial<PlayerStatePayload> = {}): PlayerStatePayload => ({
  playing: true,
  time: 10,
  updatedAt: 100_000,
  rate: 1,
  serverTime: 100_000,
  currentVideoIndex: 0,
  itemId: 1,
  epoch: 4,
  loop: 'off',
  autoplay: true,
  ...extra,
});

const lengths = new Map([
  [1, 25],
  [2, 12],
]);
const durationOf = (id: number) => lengths.get(id);

describe('effectivePlayback', () => {
  it('extrapolates a playing state on the server clock', () => {
    expect(effectivePlayback(state(), 102_500)).toMatchObject({
      itemId: 1,
      position: 12.5,
      playing: true,
      running: true,
      scheduled: false,
      origin: 90_000,
    });
  });

  it('holds a paused position, and a pause on the last frame is the end', () => {
    expect(effectivePlayback(state({ playing: false }), 160_000)).toMatchObject({
      position: 10,
      playing: false,
      running: false,
      ended: false,
      origin: undefined,
    });
    expect(effectivePlayback(state({ playing: false, time: 25 }), 1, durationOf).ended).toBe(true);
  });

  it('waits for a start scheduled in the future', () => {
    expect(effectivePlayback(state({ updatedAt: 103_000, gate: 'held' }), 101_000)).toMatchObject({
      position: 10,
      playing: true,
      running: false,
      scheduled: true,
      startsAt: 103_000,
      startsIn: 2_000,
      gate: 'held',
    });
  });

  it('ends at the end of a clip when nothing is announced after it', () => {
    const view = effectivePlayback(state(), 130_000, durationOf);
    expect(view).toMatchObject({ position: 25, playing: false, running: false, ended: true });
    // Without a length here, the server's end time says it.
    const timed = effectivePlayback(state({ endsAt: 115_000 }), 115_000);
    expect(timed.ended).toBe(true);
  });

  it('is the next clip from next.startsAt on, before the server says so', () => {
    const next = { index: 1, itemId: 2, startsAt: 115_000 };
    const playing = state({ endsAt: 115_000, next });
    const before = effectivePlayback(playing, 114_999, durationOf);
    expect(before).toMatchObject({ itemId: 1, next, advanced: false });
    expect(before.position).toBeCloseTo(24.999, 9);
    expect(effectivePlayback(playing, 115_250, durationOf)).toMatchObject({
      itemId: 2,
      position: 0.25,
      running: true,
      origin: 115_000,
      advanced: true,
      next: undefined,
      duration: 12,
    });
  });

  it('agrees with the server once its word about the switch arrives', () => {
    const ours = effectivePlayback(
      state({ next: { index: 1, itemId: 2, startsAt: 115_000 } }),
      115_080,
    );
    const theirs = effectivePlayback(
      state({ itemId: 2, currentVideoIndex: 1, time: 0, updatedAt: 115_000, epoch: 5 }),
      115_080,
    );
    expect([ours.itemId, ours.position, ours.origin]).toEqual([
      theirs.itemId,
      theirs.position,
      theirs.origin,
    ]);
  });

  it('a clip that loops is a new run each time round', () => {
    const next = { index: 0, itemId: 1, startsAt: 115_000 };
    const looping = state({ loop: 'one', next });
    const first = effectivePlayback(looping, 114_000, durationOf);
    const second = effectivePlayback(looping, 116_000, durationOf);
    expect(first.itemId).toBe(second.itemId);
    expect(first.origin).not.toBe(second.origin);
    expect(second.position).toBe(1);
  });

  it('tells where the room will be at a later time', () => {
    const view = effectivePlayback(state(), 100_000, durationOf);
    expect(positionAtTime(view, 100_750)).toBe(10.75);
    expect(positionAtTime(view, 200_000)).toBe(25);
  });
});

describe('itemOf', () => {
  const queue: VideoItem[] = [1, 2, 3].map((id) => ({
    id,
    url: `u${id}`,
    addedBy: 'Ana',
    addedAt: '2026-01-01T00:00:00.000Z',
  }));

  it('finds the entry by id wherever the queue moved it', () => {
    expect(itemOf(queue, 3, 0)).toMatchObject({ index: 2, item: { id: 3 } });
    expect(itemOf(queue, undefined, 1)).toMatchObject({ index: 1, item: { id: 2 } });
    expect(itemOf(queue, 9, 1).item).toBeUndefined();
  });
});
