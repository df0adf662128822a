import { describe, expect, it } from 'vitest';
import { planCorrection } from './planner';
import { EMBED_TUNING, VIDEO_TUNING } from './tuning';

const running = (position: number) => ({ running: true, position });
const media = (currentTime: number, extra: { paused?: boolean; playbackRate?: number } = {}) => ({
  currentTime,
  paused: extra.paused ?? false,
  playbackRate: extra.playbackRate ?? 1,
});

describe('planCorrection (video)', () => {
  it('leaves playback alone inside the dead band', () => {
    expect(planCorrection(running(10), media(10.003), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: undefined,
      play: false,
      pause: false,
      rate: 1,
      nudging: false,
    });
  });

  it('nudges towards the room: faster when behind, slower when ahead', () => {
    const behind = planCorrection(running(10), media(9.95), 1, VIDEO_TUNING);
    expect(behind).toMatchObject({ seekTo: undefined, nudging: true });
    expect(behind.rate).toBeCloseTo(1.1, 6);
    const ahead = planCorrection(running(10), media(10.05), 1, VIDEO_TUNING);
    expect(ahead.rate).toBeCloseTo(0.9, 6);
  });

  it('keeps nudging until the error is well inside the band (no flapping at its edge)', () => {
    const settling = planCorrection(
      running(10),
      media(9.997, { playbackRate: 1.01 }),
      1,
      VIDEO_TUNING,
    );
    expect(settling.nudging).toBe(true);
    const settled = planCorrection(
      running(10),
      media(9.9995, { playbackRate: 1.001 }),
      1,
      VIDEO_TUNING,
    );
    expect(settled).toMatchObject({ nudging: false, rate: 1 });
  });

  it('catches up at most at twice the room rate, holds back at most to half', () => {
    expect(planCorrection(running(10), media(9.2), 1, VIDEO_TUNING).rate).toBe(2);
    expect(planCorrection(running(10), media(10.6), 1, VIDEO_TUNING).rate).toBe(0.5);
  });

  it('starts again on the room frame when a second or more off', () => {
    expect(planCorrection(running(10), media(8.9), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: 10,
      rate: 1,
      nudging: false,
    });
  });

  it('paused: stops the media and shows the exact frame', () => {
    const target = { running: false, position: 42.5 };
    expect(planCorrection(target, media(44), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: 42.5,
      pause: true,
      play: false,
    });
    expect(planCorrection(target, media(42.501, { paused: true }), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: undefined,
      pause: false,
    });
  });

  it('asks a paused element to play when the room runs', () => {
    expect(planCorrection(running(3), media(3, { paused: true }), 1, VIDEO_TUNING)).toMatchObject({
      play: true,
      nudging: false,
    });
  });
});

describe('planCorrection (embed: seeks only, wider tolerances)', () => {
  it('never nudges the rate', () => {
    expect(planCorrection(running(10), media(9.6), 1, EMBED_TUNING)).toMatchObject({
      seekTo: undefined,
      rate: 1,
      nudging: false,
    });
  });

  it('seeks from three quarters of a second, and when paused from 0.3 s', () => {
    expect(planCorrection(running(10), media(9.2), 1, EMBED_TUNING).seekTo).toBe(10);
    const paused = { running: false, position: 5 };
    expect(
      planCorrection(paused, media(5.2, { paused: true }), 1, EMBED_TUNING).seekTo,
    ).toBeUndefined();
    expect(planCorrection(paused, media(5.4, { paused: true }), 1, EMBED_TUNING).seekTo).toBe(5);
  });
});
