import { describe, expect, it } from 'vitest';
import { nudgeFor, planCorrection } from './planner';
import { EMBED_TUNING, VIDEO_TUNING } from './tuning';

const running = (position: number) => ({ running: true, position });
const media = (currentTime: number, paused = false) => ({ currentTime, paused });

describe('planCorrection (video)', () => {
  it('leaves playback alone inside the dead band', () => {
    expect(planCorrection(running(10), media(10.0015), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: undefined,
      play: false,
      pause: false,
      nudge: undefined,
    });
  });

  it('nudges an error of 3 ms: two screens each just inside a band sit twice it apart', () => {
    // Measured with a 4 ms band: one page 3.5 ms behind, another 3.5 ms ahead, both left
    // alone, 7-9 ms apart for a whole clip.
    expect(planCorrection(running(10), media(9.997), 1, VIDEO_TUNING).nudge?.rate).toBeGreaterThan(
      1,
    );
    expect(planCorrection(running(10), media(10.003), 1, VIDEO_TUNING).nudge?.rate).toBeLessThan(1);
  });

  it('nudges towards the room with a pulse whose area is the error', () => {
    const behind = planCorrection(running(10), media(9.95), 1, VIDEO_TUNING).nudge;
    expect(behind?.rate).toBeCloseTo(1.2, 6);
    expect(behind?.durationMs).toBeCloseTo(250, 6);
    const ahead = planCorrection(running(10), media(10.05), 1, VIDEO_TUNING).nudge;
    expect(ahead?.rate).toBeCloseTo(0.8, 6);
    expect(ahead?.durationMs).toBeCloseTo(250, 6);
  });

  it('catches up at most at twice the room rate and holds back at most to half, for longer', () => {
    const far = nudgeFor(0.8, 1, VIDEO_TUNING);
    expect(far).toEqual({ rate: 2, durationMs: 800 });
    const ahead = nudgeFor(-0.5, 1, VIDEO_TUNING);
    expect(ahead).toEqual({ rate: 0.5, durationMs: 1000 });
  });

  it('never makes a pulse too gentle to end', () => {
    expect(nudgeFor(0.001, 1, VIDEO_TUNING)).toEqual({ rate: 1.01, durationMs: 100 });
  });

  it('starts again on the room frame when a second or more off', () => {
    expect(planCorrection(running(10), media(8.9), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: 10,
      nudge: undefined,
    });
  });

  it('paused: stops the media and shows the exact frame', () => {
    const target = { running: false, position: 42.5 };
    expect(planCorrection(target, media(44), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: 42.5,
      pause: true,
      play: false,
    });
    expect(planCorrection(target, media(42.501, true), 1, VIDEO_TUNING)).toMatchObject({
      seekTo: undefined,
      pause: false,
    });
  });

  it('asks a paused element to play when the room runs', () => {
    expect(planCorrection(running(3), media(3, true), 1, VIDEO_TUNING)).toMatchObject({
      play: true,
      nudge: undefined,
    });
  });
});

describe('planCorrection (embed: seeks only, wider tolerances)', () => {
  it('never nudges the rate', () => {
    expect(planCorrection(running(10), media(9.6), 1, EMBED_TUNING)).toMatchObject({
      seekTo: undefined,
      nudge: undefined,
    });
  });

  it('seeks from three quarters of a second, and when paused from 0.3 s', () => {
    expect(planCorrection(running(10), media(9.2), 1, EMBED_TUNING).seekTo).toBe(10);
    const paused = { running: false, position: 5 };
    expect(planCorrection(paused, media(5.2, true), 1, EMBED_TUNING).seekTo).toBeUndefined();
    expect(planCorrection(paused, media(5.4, true), 1, EMBED_TUNING).seekTo).toBe(5);
  });
});
