import type { PlayerStatePayload } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AudioGrid } from './audio-grid';
import { SyncEngine } from './engine';
import { PROBE_VOLUME } from './grid-probe';
import type { LearntStartLatency } from './start-latency';
import { FakeMedia, fakeParts, type AudioOutput } from './testing/fake-media';
import { playerState, queueItem } from '../testing/room-fixtures';

/** The server's clock runs 10 s ahead of ours. */
const OFFSET = 10_000;
const serverNow = () => Date.now() + OFFSET;
const T0 = 1_000_000;
const CLIP_S = 6;
/** The first clip starts 500 ms after the test begins; the second when it ends. */
const FIRST_AT = T0 + 500;
const SWITCH_AT = FIRST_AT + CLIP_S * 1000;
/**
 * Headless Chromium's output (1024 frames at 44.1 kHz), 70 ms behind a rate change, its
 * phase such that the switch released by a learnt latency of about 80 ms lands ~10 ms late.
 */
const OUTPUT: AudioOutput = { periodMs: 1024 / 44.1, phaseMs: SWITCH_AT + 10, delayMs: 70 };

const item = queueItem;
/** Item 1 playing from FIRST_AT, item 2 announced to follow at `switchAt`. */
const playing = (switchAt = SWITCH_AT): PlayerStatePayload =>
  playerState(serverNow(), {
    playing: true,
    updatedAt: FIRST_AT + OFFSET,
    endsAt: switchAt + OFFSET,
    next: { index: 1, itemId: 2, startsAt: switchAt + OFFSET },
  });

/** `lateMs`: every timer of the page fires this late (a busy main thread). */
function setup(grid: AudioGrid | undefined, lateMs = 0) {
  const options = { durationS: CLIP_S, audioOutput: { ...OUTPUT } };
  const a = new FakeMedia(options);
  const b = new FakeMedia(options);
  const learnt: LearntStartLatency[] = [];
  const engine = new SyncEngine({
    clock: { now: serverNow, rtt: 40 },
    slots: [fakeParts(a), fakeParts(b)],
    reports: {
      ready: () => undefined,
      preloaded: () => undefined,
      duration: () => undefined,
      ended: () => undefined,
      status: () => undefined,
    },
    spinMs: 0,
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms + lateMs),
      clearTimeout: (handle) => {
        clearTimeout(handle);
      },
    },
    startLatencyMs: 80,
    latencyMemory: {
      load: () => ({ start: undefined, switch: undefined }),
      save: (latency) => learnt.push(latency),
    },
    ...(grid && { audioGrid: grid }),
  });
  engine.start();
  engine.setRoom({ player: playing(), queue: [item(1), item(2)], index: 0 });
  const show = (player: PlayerStatePayload) => {
    engine.setRoom({ player, queue: [item(1), item(2)], index: 0 });
  };
  const moveSwitch = (switchAt: number) => {
    engine.setRoom({ player: playing(switchAt), queue: [item(1), item(2)], index: 0 });
  };
  return { a, b, engine, moveSwitch, learnt, show };
}

/** The second clip's error against the room (ms, + = ahead), read `afterMs` into it. */
async function switchError(b: FakeMedia, afterMs: number): Promise<number> {
  await vi.advanceTimersByTimeAsync(SWITCH_AT + afterMs - Date.now());
  return (b.currentTime - afterMs / 1000) * 1000;
}

/** Starts of `media` with sound at the probe's volume before `until` (local ms). */
const probesOf = (media: FakeMedia, until: number) =>
  media.rateLog.filter((entry) => entry.rate === 1 && !entry.muted && entry.at < until);

describe('SyncEngine with the audio output grid', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    // The probes' random arming, the same in every run.
    let seed = 7;
    vi.spyOn(Math, 'random').mockImplementation(() => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('probes the grid silently with the hidden element and lands the switch on its instant', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { b, engine, learnt } = setup(grid);
    let loudest = 0;
    const watch = setInterval(() => {
      if (!b.muted) loudest = Math.max(loudest, b.volume);
    }, 5);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 1_000 - T0);
    expect(probesOf(b, Date.now()).length).toBeGreaterThanOrEqual(6);
    expect(grid.trusted).toBe(true);
    // Every probe ran at the probe's volume, and the element is back muted, at full volume.
    expect(loudest).toBe(PROBE_VOLUME);
    expect(b.muted).toBe(true);
    expect(b.volume).toBe(1);
    clearInterval(watch);
    // 40 ms into the second clip, before any correction: on the room's frame.
    expect(Math.abs(await switchError(b, 40))).toBeLessThan(0.5);
    expect(b.muted).toBe(false);
    expect(b.shown).toBe(true);
    // It still teaches the switch latency, for switches not aimed: how long it took to begin
    // (the output's 70 ms, and up to a period for the grid point).
    await vi.advanceTimersByTimeAsync(300);
    const switchMs = learnt.at(-1)?.switch ?? 0;
    expect(switchMs).toBeGreaterThanOrEqual(70);
    expect(switchMs).toBeLessThan(70 + OUTPUT.periodMs);
    engine.dispose();
  });

  it('a release a few ms late still lands on the grid point, and is not caught up', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { b, engine, learnt } = setup(grid, 4);
    expect(Math.abs(await switchError(b, 40))).toBeLessThan(0.5);
    await vi.advanceTimersByTimeAsync(400);
    // No pulse: every rate the element was given since the switch is the room's.
    const since = b.rateLog.filter((entry) => entry.at >= SWITCH_AT - 200);
    expect(since.map((entry) => entry.rate)).toEqual([1]);
    // And it teaches the switch latency all the same: how long after its release it began.
    const switchMs = learnt.at(-1)?.switch ?? 0;
    expect(switchMs).toBeGreaterThanOrEqual(70);
    expect(switchMs).toBeLessThan(70 + OUTPUT.periodMs);
    engine.dispose();
  });

  it('a release later than its tolerance but not pulsed still teaches the switch latency', async () => {
    const grid = new AudioGrid(() => Date.now());
    // Past half the spread of the probes' delays (about 11.6 ms here), short of a pulse.
    const { engine, learnt } = setup(grid, 15);
    await vi.advanceTimersByTimeAsync(SWITCH_AT + 600 - T0);
    const switchMs = learnt.at(-1)?.switch ?? 0;
    expect(switchMs).toBeGreaterThanOrEqual(70);
    expect(switchMs).toBeLessThan(70 + OUTPUT.periodMs);
    engine.dispose();
  });

  it('aims a start in place at the grid too: a seek on screen lands on its instant', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { a, engine, show } = setup(grid);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 1_100 - T0);
    expect(grid.trusted).toBe(true);
    // Someone seeks to 1 s: the room starts there 400 ms from now, the next clip after it.
    const at = Date.now() + 400;
    const switchAt = at + (CLIP_S - 1) * 1000;
    show({
      ...playing(switchAt),
      time: 1,
      updatedAt: at + OFFSET,
      epoch: 2,
    });
    await vi.advanceTimersByTimeAsync(at + 40 - Date.now());
    // Positioned past 1 s by the distance to the grid point, and on the room's frame.
    expect(a.seekLog.at(-1)?.to).toBeGreaterThan(1);
    expect(Math.abs((a.currentTime - 1.04) * 1000)).toBeLessThan(0.5);
    engine.dispose();
  });

  it('a switch moved after its aim, too near to seek again, starts from where it waits', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { b, engine, moveSwitch } = setup(grid);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 350 - T0);
    const aimedAt = b.seekLog.at(-1)?.to ?? 0;
    expect(aimedAt).toBeGreaterThan(0);
    const moved = SWITCH_AT + 37;
    moveSwitch(moved);
    await vi.advanceTimersByTimeAsync(moved + 200 - Date.now());
    // No seek since: it ran from its offset, released that much later by its latency.
    expect(b.seekLog.at(-1)?.to).toBe(aimedAt);
    expect(b.shown).toBe(true);
    expect(b.paused).toBe(false);
    expect(Math.abs((b.currentTime - 0.2) * 1000)).toBeLessThan(25);
    engine.dispose();
  });

  it('an aimed release far later than its tolerance is caught up at once, as any late one', async () => {
    const grid = new AudioGrid(() => Date.now());
    // A page whose timers fire 60 ms late: the release comes well after its grid point.
    const { b, engine } = setup(grid, 60);
    await vi.advanceTimersByTimeAsync(SWITCH_AT + 400 - T0);
    const shownAt = b.shownLog.find((entry) => entry.shown)?.at ?? Infinity;
    const pulse = b.rateLog.find((entry) => entry.at >= SWITCH_AT - 200 && entry.rate > 1);
    expect(pulse?.at ?? Infinity).toBeLessThanOrEqual(shownAt + 5);
    engine.dispose();
  });

  it('without the grid the same switch lands where the output lets it (the baseline)', async () => {
    const { b, engine } = setup(undefined);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 1_000 - T0);
    expect(probesOf(b, Date.now())).toEqual([]);
    expect(Math.abs(await switchError(b, 40))).toBeGreaterThan(3);
    engine.dispose();
  });

  it('a muted page never probes: its starts do not wait for the output', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { b, engine } = setup(grid);
    engine.setMuted(true);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 500 - T0);
    expect(probesOf(b, Date.now())).toEqual([]);
    expect(grid.trusted).toBe(false);
    engine.dispose();
  });

  it('learns the grid again when an aimed switch misses it (the output changed)', async () => {
    const grid = new AudioGrid(() => Date.now());
    const { a, b, engine, learnt } = setup(grid);
    await vi.advanceTimersByTimeAsync(SWITCH_AT - 1_000 - T0);
    expect(grid.trusted).toBe(true);
    // Headphones plugged in after the aim: the same period, another phase.
    await vi.advanceTimersByTimeAsync(500);
    for (const media of [a, b])
      media.options.audioOutput = { ...OUTPUT, phaseMs: OUTPUT.phaseMs + 9 };
    await switchError(b, 400);
    expect(grid.trusted).toBe(false);
    // Off its point, it still says how long after its release it began.
    const switchMs = learnt.at(-1)?.switch ?? 0;
    expect(switchMs).toBeGreaterThanOrEqual(70);
    expect(switchMs).toBeLessThan(70 + OUTPUT.periodMs);
    engine.dispose();
  });
});
