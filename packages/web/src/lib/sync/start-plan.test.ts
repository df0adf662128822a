import type { PlayerStatePayload } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { effectivePlayback } from '../playback-sync';
import {
  bufferedAt,
  isPrepared,
  localLead,
  localStart,
  metadataStart,
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

  it('says the media is buffered at a position only with half a second after it (or the end)', () => {
    const ranges = (...spans: [number, number][]) => ({
      length: spans.length,
      start: (i: number) => spans[i]?.[0] ?? 0,
      end: (i: number) => spans[i]?.[1] ?? 0,
    });
    expect(bufferedAt(ranges([0, 10]), 4, 10)).toBe(true);
    expect(bufferedAt(ranges([0, 4.2]), 4, 10)).toBe(false);
    expect(bufferedAt(ranges([0, 1], [3.9, 5]), 4, 10)).toBe(true);
    expect(bufferedAt(ranges([0, 1], [4.1, 9]), 4, 10)).toBe(false);
    expect(bufferedAt(ranges([0, 10]), 9.8, 10)).toBe(true);
    expect(bufferedAt(ranges(), 0, 10)).toBe(false);
  });

  it('aims a load again at its metadata: sooner, later when too near, else kept', () => {
    const playback = effectivePlayback(running, 8_000);
    const all = () => true;
    const none = () => false;
    // Aimed 800 ms ahead at the load (8,000); the metadata at 8,200, the data buffered.
    const aimed = localStart(playback, 8_000, 800);
    expect(metadataStart(aimed, playback, all, 150, 8_200)).toEqual({
      at: 8_450,
      position: 5.45,
      kind: 'local',
      epoch: undefined,
    });
    // The data still to come: a round trip later, still sooner than the guess.
    expect(metadataStart(aimed, playback, none, 150, 8_200)?.at).toBe(8_600);
    expect(metadataStart(aimed, playback, none, 400, 8_200)).toBeUndefined();
    // In time for its instant (not 120 ms from it): kept.
    expect(metadataStart(aimed, playback, all, 150, 8_560)).toBeUndefined();
    expect(metadataStart(aimed, playback, all, 150, 8_680)).toBeUndefined();
    // Nearer than a seek and an arm, or past: later.
    expect(metadataStart(aimed, playback, all, 150, 8_690)?.at).toBe(8_940);
    expect(metadataStart(aimed, playback, all, 150, 9_000)?.at).toBe(9_250);
  });
});
