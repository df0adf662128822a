import type { PlayerStatePayload } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { planCorrection, playbackTarget } from './playback-sync';

const state = (extra: Partial<PlayerStatePayload>): PlayerStatePayload => ({
  playing: true,
  time: 10,
  updatedAt: 100_000,
  rate: 1,
  serverTime: 100_000,
  currentVideoIndex: 0,
  ...extra,
});

describe('playbackTarget', () => {
  it('extrapolates a playing state on the server clock', () => {
    expect(playbackTarget(state({}), 102_500)).toMatchObject({ position: 12.5, playing: true });
  });

  it('holds a paused position', () => {
    expect(playbackTarget(state({ playing: false }), 160_000)).toMatchObject({
      position: 10,
      playing: false,
    });
  });

  it('waits for a start scheduled in the future (countdown)', () => {
    const target = playbackTarget(state({ updatedAt: 103_000 }), 101_000);
    expect(target).toMatchObject({
      position: 10,
      playing: false,
      scheduled: true,
      startsIn: 2_000,
    });
  });

  it('stops at the end of a video of known length', () => {
    const target = playbackTarget(state({}), 130_000, 25);
    expect(target).toMatchObject({ position: 25, playing: false, ended: true });
  });
});

describe('planCorrection', () => {
  const playingAt = (position: number) => playbackTarget(state({ time: position }), 100_000);

  it('does nothing inside the dead band', () => {
    expect(planCorrection(playingAt(10), { currentTime: 10.02, paused: false })).toEqual({
      seekTo: undefined,
      play: false,
      pause: false,
      playbackRate: 1,
    });
  });

  it('nudges the rate for small drift, towards the room', () => {
    const behind = planCorrection(playingAt(10), { currentTime: 9.9, paused: false });
    expect(behind.seekTo).toBeUndefined();
    expect(behind.playbackRate).toBeGreaterThan(1);
    const ahead = planCorrection(playingAt(10), { currentTime: 10.1, paused: false });
    expect(ahead.playbackRate).toBeLessThan(1);
    const far = planCorrection(playingAt(10), { currentTime: 9.71, paused: false });
    expect(far.playbackRate).toBeLessThanOrEqual(1.08);
  });

  it('seeks when off by more than 0.3 s, and starts a paused element', () => {
    expect(planCorrection(playingAt(10), { currentTime: 9, paused: true })).toEqual({
      seekTo: 10,
      play: true,
      pause: false,
      playbackRate: 1,
    });
  });

  it('pauses a running element on the room position', () => {
    const target = playbackTarget(state({ playing: false, time: 42 }), 100_000);
    expect(planCorrection(target, { currentTime: 44, paused: false })).toMatchObject({
      seekTo: 42,
      pause: true,
      play: false,
    });
  });
});
