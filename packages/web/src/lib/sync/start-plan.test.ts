import type { PlayerStatePayload } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { effectivePlayback } from '../playback-sync';
import {
  isPrepared,
  localLead,
  localStart,
  soonerLoadStart,
  startStep,
  type PrepReading,
  type StartPlan,
} from './start-plan';

const plan: StartPlan = { at: 10_000, position: 4, kind: 'room', epoch: 7 };
const reading = (extra: Partial<PrepReading> = {}): PrepReading => ({
  currentTime: 4,
  seeking: false,
  readyState: 4,
  paused: true,
  playbackRate: 1,
  ...extra,
});

describe('startStep', () => {
  it('seeks to the start position first, then waits for the seek and the data', () => {
    expect(startStep(plan, reading({ currentTime: 9 }), 9_000)).toEqual({ kind: 'seek', to: 4 });
    expect(startStep(plan, reading({ seeking: true }), 9_000)).toEqual({ kind: 'wait' });
    expect(startStep(plan, reading({ readyState: 2 }), 9_000)).toEqual({ kind: 'wait' });
  });

  it('is ready early, arms 300 ms before the instant, then waits armed', () => {
    expect(startStep(plan, reading(), 9_000)).toEqual({ kind: 'ready' });
    expect(startStep(plan, reading(), 9_700)).toEqual({ kind: 'arm' });
    expect(startStep(plan, reading({ paused: false, playbackRate: 0 }), 9_800)).toEqual({
      kind: 'armed',
    });
    expect(isPrepared({ kind: 'ready' })).toBe(true);
    expect(isPrepared({ kind: 'wait' })).toBe(false);
  });

  it('fires a prepared start whose timer came late; a start missed by far is planned again', () => {
    expect(startStep(plan, reading({ paused: false, playbackRate: 0 }), 10_020)).toEqual({
      kind: 'fire',
    });
    expect(startStep(plan, reading(), 10_450)).toEqual({ kind: 'missed' });
    // Still loading or seeking there, a little late: it fires once prepared.
    expect(startStep(plan, reading({ readyState: 1 }), 10_001)).toEqual({ kind: 'wait' });
    expect(startStep(plan, reading({ seeking: true, currentTime: 0 }), 10_100)).toEqual({
      kind: 'wait',
    });
    expect(startStep(plan, reading({ currentTime: 0 }), 10_100)).toEqual({ kind: 'missed' });
    expect(startStep(plan, reading({ paused: true }), 10_350)).toEqual({ kind: 'fire' });
  });
});

describe('localStart', () => {
  const running: PlayerStatePayload = {
    playing: true,
    time: 2,
    updatedAt: 5_000,
    rate: 1,
    serverTime: 5_000,
    currentVideoIndex: 0,
    itemId: 1,
    epoch: 3,
    loop: 'off',
    autoplay: true,
  };

  it('aims at where the room will be when the seek and buffering are done', () => {
    const playback = effectivePlayback(running, 8_000);
    expect(localStart(playback, 8_000, 500)).toEqual({
      at: 8_500,
      position: 5.5,
      kind: 'local',
      epoch: undefined,
    });
  });

  it('leads further for media not loaded yet and after each miss, within a bound', () => {
    expect(localLead(0, true, 40)).toBe(300);
    expect(localLead(0, false, 150)).toBe(500);
    expect(localLead(1, true, 40)).toBe(600);
    expect(localLead(9, true, 40)).toBe(4_000);
  });

  it('aims a load sooner with a better round trip, never by a hair, never nearer than one', () => {
    const playback = effectivePlayback(running, 8_000);
    // Loaded at 8,000 with a 300 ms round trip: aimed 800 ms ahead.
    const aimed = localStart(playback, 8_000, localLead(0, false, 300));
    expect(aimed.at).toBe(8_800);
    expect(soonerLoadStart(aimed, playback, 8_000, 150, 8_100)).toEqual({
      at: 8_500,
      position: 5.5,
      kind: 'local',
      epoch: undefined,
    });
    expect(soonerLoadStart(aimed, playback, 8_000, 295, 8_100)).toBeUndefined();
    expect(soonerLoadStart(aimed, playback, 8_000, 150, 8_400)).toBeUndefined();
  });
});
