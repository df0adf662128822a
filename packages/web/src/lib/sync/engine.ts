import {
  clipDuration,
  type PlayerStatePayload,
  type SyncStatus,
  type VideoItem,
} from '@wt/protocol';
import { effectivePlayback, itemOf, type EffectivePlayback } from '../playback-sync';
import type { AudioGrid } from './audio-grid';
import { Follower } from './follower';
import { browserTimers, type TimerHandle, type Timers } from './instant-timer';
import type { MediaParts } from './media';
import { MediaSlot, type SlotEvents } from './slot';
import { releaseAtStart, Standby } from './standby';
import { aimedLanding } from './grid-aim';
import { StartLatencies } from './start-latencies';
import type { StartLatencyMemory } from './start-latency';
import { syncStatusOf } from './status';
import { MainThreadLag } from './main-thread-lag';
import { TICK_MS, VIDEO_TUNING, type SyncTuning } from './tuning';

/** What the engine follows: the room as the client knows it. */
export interface EngineRoom {
  player: PlayerStatePayload | undefined;
  queue: readonly VideoItem[];
  /** The room's queue index, for a server that sends no item ids. */
  index: number;
}

/** What the engine tells the server (through the room client). */
export interface EngineReports {
  /** Prepared for the scheduled start of this epoch. */
  ready(epoch: number): void;
  /** The hidden element has this clip buffered from its start. */
  preloaded(itemId: number): void;
  duration(itemId: number, seconds: number): void;
  ended(itemId: number): void;
  status(status: SyncStatus): void;
}

export interface EngineClock {
  /** The server's clock now (ms). */
  now(): number;
  readonly rtt: number | undefined;
}

export interface EngineOptions {
  clock: EngineClock;
  /** The two elements: the one on screen and the hidden one the next clip preloads in. */
  slots: readonly [MediaParts, MediaParts];
  reports: EngineReports;
  timers?: Timers;
  tickMs?: number;
  spinMs?: number;
  tuning?: SyncTuning;
  /** How early to release starts until the first has been measured (see `StartLatency`). */
  startLatencyMs?: number;
  /** What this browser learnt before about its start latency, and where to keep it. */
  latencyMemory?: StartLatencyMemory;
  /**
   * The audio output's grid, learnt by silent probes of the hidden element: switches with
   * sound are aimed at it (see `AudioGrid`). Without it, every switch lands by its latency.
   */
  audioGrid?: AudioGrid;
}

export interface EngineSnapshot {
  /** Which element is on screen; changes at each switch. */
  shown: 0 | 1;
  /** How our `<video>` follows the room; undefined when the clip is not ours (embed, none). */
  status: SyncStatus | undefined;
  /** The browser refused to play until the person taps. */
  blocked: boolean;
  /** A start on screen is under way or still landing (its first corrections to come). */
  landing: boolean;
  /** Clip lengths read from the media, by item id. */
  durations: ReadonlyMap<number, number>;
  /** Media paths that failed to load here (the embed takes over). */
  failed: ReadonlySet<string>;
}

/**
 * Steers two `<video>` elements from the room's `player_state` and the server clock: the
 * one on screen follows the room (`Follower`: scheduled starts armed at rate 0 and released
 * at the instant, small errors nudged by rate, large ones re-started on the room's frame),
 * the hidden one preloads the announced next clip (`Standby`) and takes over at
 * `next.startsAt` on its own, before the server's word about the switch arrives. No React,
 * no DOM: it sees the elements through `SyncMedia` and shows one or the other through
 * `MediaView`.
 */
export class SyncEngine {
  private room: EngineRoom = { player: undefined, queue: [], index: 0 };
  private readonly slots: readonly [MediaSlot, MediaSlot];
  private shown: 0 | 1 = 0;
  private readonly follower: Follower;
  private readonly standbyClip: Standby;
  private muted = false;
  private blocked = false;
  private readonly durations = new Map<number, number>();
  private readonly failed = new Set<string>();
  private readonly timers: Timers;
  private readonly tuning: SyncTuning;
  private readonly tickMs: number;
  private tickHandle: TimerHandle | undefined;
  /** When the next tick is due, on the lag's own clock (its lateness: how busy the thread is). */
  private tickDueAt: number | undefined;
  private readonly lag = new MainThreadLag();
  /** Extra looks asked for at precise moments (a landing's measurement). */
  private readonly wakes = new Set<TimerHandle>();
  /** How early this page releases each kind of start (learnt from each). */
  private readonly latencies: StartLatencies;
  private snapshot: EngineSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: EngineOptions) {
    this.timers = options.timers ?? browserTimers;
    this.tuning = options.tuning ?? VIDEO_TUNING;
    this.tickMs = options.tickMs ?? TICK_MS;
    this.latencies = new StartLatencies({
      initialMs: options.startLatencyMs,
      memory: options.latencyMemory,
    });
    const shared = {
      clock: options.clock,
      timers: this.timers,
      spinMs: options.spinMs,
      muted: () => this.muted,
      rate: () => this.rate,
      wake: (at: number) => {
        this.wakeAt(at);
      },
    };
    this.follower = new Follower({
      ...shared,
      grid: options.audioGrid,
      lag: this.lag,
      latencies: this.latencies,
      tuning: this.tuning,
      ready: (epoch) => {
        options.reports.ready(epoch);
      },
    });
    this.standbyClip = new Standby({
      ...shared,
      latencies: this.latencies,
      preloaded: (itemId) => {
        options.reports.preloaded(itemId);
      },
      onSwitch: () => {
        this.switchNow();
        this.tick();
      },
      grid: options.audioGrid,
      mayProbe: () => !this.muted && !this.blocked && this.active.running,
      probed: () => {
        this.tick();
      },
    });
    const [first, second] = options.slots;
    this.slots = [
      new MediaSlot(first, this.slotEvents(0)),
      new MediaSlot(second, this.slotEvents(1)),
    ];
    this.slots[0].view.setShown(true);
    this.slots[1].view.setShown(false);
    this.slots[1].media.muted = true;
    this.snapshot = {
      shown: 0,
      status: undefined,
      blocked: false,
      landing: false,
      durations: new Map(),
      failed: new Set(),
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): EngineSnapshot => this.snapshot;

  start(): void {
    if (this.tickHandle !== undefined) return;
    const { lag } = this;
    const loop = () => {
      if (this.tickDueAt !== undefined) lag.note(lag.localNow() - this.tickDueAt);
      this.tick();
      this.tickDueAt = lag.localNow() + this.tickMs;
      this.tickHandle = this.timers.setTimeout(loop, this.tickMs);
    };
    loop();
  }

  stop(): void {
    if (this.tickHandle !== undefined) this.timers.clearTimeout(this.tickHandle);
    this.tickHandle = undefined;
    this.tickDueAt = undefined;
    for (const handle of this.wakes) this.timers.clearTimeout(handle);
    this.wakes.clear();
    this.follower.reset(this.active);
    this.standbyClip.cancel(this.standby);
    for (const slot of this.slots) slot.pause();
  }

  dispose(): void {
    this.stop();
    for (const slot of this.slots) slot.dispose();
    this.listeners.clear();
  }

  setRoom(room: EngineRoom): void {
    this.room = room;
    this.tick();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.active.media.muted = muted;
    if (this.standby.armed) this.standby.media.muted = muted;
  }

  /** Inside a tap: the browser lets media play from now on. */
  unlock(): void {
    this.blocked = false;
    if (this.active.src !== undefined && this.active.media.paused) this.active.arm();
    this.tick();
  }

  /** Drops what the player was doing and starts again on the room's frame. */
  resync(): void {
    this.follower.resync(this.active);
    this.tick();
  }

  /** A clip's real length, read from its media here (ours, or the embed's report). */
  noteDuration(itemId: number, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds <= 0 || this.durations.get(itemId) === seconds) return;
    const first = !this.durations.has(itemId);
    this.durations.set(itemId, seconds);
    if (first) this.options.reports.duration(itemId, seconds);
    this.publish(this.snapshot.status);
  }

  /** How long the clip is, from its metadata here or as the server knows it. */
  readonly durationOf = (itemId: number): number | undefined =>
    this.durations.get(itemId) ?? clipDuration(this.room.queue.find((item) => item.id === itemId));

  private get active(): MediaSlot {
    return this.slots[this.shown];
  }

  private get standby(): MediaSlot {
    return this.slots[this.shown === 0 ? 1 : 0];
  }

  private get rate(): number {
    return this.room.player?.rate ?? 1;
  }

  private srcOf(item: VideoItem | undefined): string | undefined {
    if (!item || item.isProcessing === true || item.mp4Url === undefined) return undefined;
    return this.failed.has(item.mp4Url) ? undefined : item.mp4Url;
  }

  /** One extra look at server time `at`, while the engine runs. */
  private wakeAt(at: number): void {
    if (this.tickHandle === undefined) return;
    const handle = this.timers.setTimeout(
      () => {
        this.wakes.delete(handle);
        this.tick();
      },
      Math.max(0, at - this.options.clock.now()),
    );
    this.wakes.add(handle);
  }

  private tick(): void {
    const now = this.options.clock.now();
    const { player, queue, index } = this.room;
    const playback = player ? effectivePlayback(player, now, this.durationOf) : undefined;
    const current = playback ? itemOf(queue, playback.itemId, index).item : undefined;
    const src = this.srcOf(current);
    if (!playback || !current || src === undefined) {
      // The clip on screen is not ours (an embed plays, or nothing does).
      this.follower.reset(this.active);
      this.active.pause();
      if (playback) this.tendStandby(playback, now, Infinity);
      this.publish(undefined);
      return;
    }
    this.assign(playback, current.id, src, now);
    const input = this.follower.steer(this.active, playback, now, this.blocked);
    this.tendStandby(playback, now, this.follower.runningFor(now));
    this.publish(syncStatusOf(input, this.tuning));
  }

  /** Puts the clip on screen: already there, prepared in the hidden element, or loaded now. */
  private assign(playback: EffectivePlayback, itemId: number, src: string, now: number): void {
    if (this.standbyClip.due(this.standby, playback.itemId, playback.origin, now)) {
      this.switchNow();
      return;
    }
    if (this.active.holds(itemId, src)) return;
    this.follower.reset(this.active);
    if (this.standby.holds(itemId, src)) {
      this.swap();
      return;
    }
    this.active.load(itemId, src, this.follower.startForLoad(playback, now));
    this.active.media.muted = this.muted;
  }

  /** The announced next clip starts: the hidden element, armed at its first frame, runs. */
  private switchNow(): void {
    const next = this.standby;
    const plan = this.standbyClip.take();
    if (!plan || next.itemId !== plan.itemId) return;
    this.follower.reset(this.active);
    const now = this.options.clock.now();
    if (next.running) {
      const lateMs = plan.releasedLateMs ?? 0;
      const latency = this.latencies.switch(next.media.muted);
      const grid = next.media.muted ? undefined : plan.grid;
      const { audioGrid } = this.options;
      if (grid === undefined || !audioGrid) {
        this.follower.started(now, next, lateMs, latency);
      } else {
        const { catchUpMs, learner } = aimedLanding(audioGrid, grid, lateMs, latency);
        this.follower.started(now, next, catchUpMs, learner);
      }
      this.swap();
      return;
    }
    // Not released yet: it starts now, with the page's sound from its first frame (unmuted
    // once running, an element waits for the audio output again: a stall).
    next.media.muted = this.muted;
    const latency = this.latencies.switch(this.muted);
    if (releaseAtStart(next, this.rate, plan.position)) {
      // Released only now, at (or after) the instant its release was due `latency` before
      // (its grid aim, if it had one, is missed).
      const offsetMs = (plan.position * 1000) / this.rate;
      const lateMs = now - (plan.startsAt + offsetMs - latency.ms);
      this.follower.started(now, next, lateMs, latency);
    }
    this.swap();
  }

  /** Shows the hidden element and hides (and stops) the other. */
  private swap(): void {
    const previous = this.active;
    this.shown = this.shown === 0 ? 1 : 0;
    const current = this.active;
    current.media.muted = this.muted;
    current.view.setShown(true);
    previous.view.setShown(false);
    previous.pause();
    previous.media.muted = true;
  }

  /** The announced next clip, in the hidden element (none after a switch of our own). */
  private tendStandby(playback: EffectivePlayback, now: number, runningForMs: number | undefined) {
    const next = playback.advanced ? undefined : playback.next;
    const item = next ? this.room.queue.find((entry) => entry.id === next.itemId) : undefined;
    const src = this.srcOf(item);
    if (!next || src === undefined) this.standbyClip.cancel(this.standby);
    else this.standbyClip.tend(this.standby, next, src, now, runningForMs);
  }

  private slotEvents(index: 0 | 1): SlotEvents {
    return {
      changed: () => {
        this.tick();
      },
      duration: (itemId, seconds) => {
        this.noteDuration(itemId, seconds);
      },
      ended: (itemId) => {
        if (index === this.shown) this.options.reports.ended(itemId);
      },
      failed: (src) => {
        this.failed.add(src);
        for (const slot of this.slots) if (slot.src === src) slot.clear();
        this.tick();
      },
      blocked: () => {
        if (this.blocked) return;
        this.blocked = true;
        this.tick();
      },
    };
  }

  private publish(status: SyncStatus | undefined): void {
    if (status !== undefined && status !== this.snapshot.status)
      this.options.reports.status(status);
    const last = this.snapshot;
    const changed =
      last.shown !== this.shown ||
      last.status !== status ||
      last.blocked !== this.blocked ||
      last.landing !== this.follower.landing ||
      last.durations.size !== this.durations.size ||
      last.failed.size !== this.failed.size;
    if (!changed) return;
    this.snapshot = {
      shown: this.shown,
      status,
      blocked: this.blocked,
      landing: this.follower.landing,
      durations: new Map(this.durations),
      failed: new Set(this.failed),
    };
    for (const listener of this.listeners) listener();
  }
}
