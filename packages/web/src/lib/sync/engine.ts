import {
  clipDuration,
  type PlayerStatePayload,
  type SyncStatus,
  type VideoItem,
} from '@wt/protocol';
import { effectivePlayback, itemOf, type EffectivePlayback } from '../playback-sync';
import { browserTimers, InstantTimer, type TimerHandle, type Timers } from './instant-timer';
import type { MediaParts } from './media';
import { planCorrection } from './planner';
import { shouldPreload } from './preload';
import { MediaSlot, type SlotEvents } from './slot';
import { StartLatency } from './start-latency';
import { HAVE_FUTURE_DATA, localLead, localStart, startStep, type StartPlan } from './start-plan';
import { syncStatusOf, type StatusInput } from './status';
import { START_TIMING, TICK_MS, VIDEO_TUNING, type SyncTuning } from './tuning';

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
}

export interface EngineSnapshot {
  /** Which element is on screen; changes at each switch. */
  shown: 0 | 1;
  /** How our `<video>` follows the room; undefined when the clip is not ours (embed, none). */
  status: SyncStatus | undefined;
  /** The browser refused to play until the person taps. */
  blocked: boolean;
  /** Clip lengths read from the media, by item id. */
  durations: ReadonlyMap<number, number>;
  /** Media paths that failed to load here (the embed takes over). */
  failed: ReadonlySet<string>;
}

/** An element whose time moves within this fraction of its rate is running steadily. */
const ADVANCE_TOLERANCE = 0.1;

interface SwitchPlan {
  itemId: number;
  startsAt: number;
}

/**
 * Steers two `<video>` elements from the room's `player_state` and the server clock: the
 * one on screen follows the room (scheduled starts armed at rate 0 and released at the
 * instant, small errors nudged by rate, large ones re-started on the room's frame), the
 * hidden one preloads the announced next clip and takes over at `next.startsAt` on its
 * own, before the server's word about the switch arrives. No React, no DOM: it sees the
 * elements through `SyncMedia` and shows one or the other through `MediaView`.
 */
export class SyncEngine {
  private room: EngineRoom = { player: undefined, queue: [], index: 0 };
  private readonly slots: readonly [MediaSlot, MediaSlot];
  private shown: 0 | 1 = 0;
  /** The start the element on screen is being prepared for. */
  private plan: StartPlan | undefined;
  private misses = 0;
  /** Server time the element on screen started running its clip here. */
  private runningSince: number | undefined;
  private switchPlan: SwitchPlan | undefined;
  /** A nudge under way: server time it ends. */
  private nudgeUntil: number | undefined;
  /** No new measurement before this (a start or a nudge has not landed yet). */
  private settleUntil = 0;
  /** The previous reading of the element on screen, to tell whether it advances. */
  private lastReading: { at: number; time: number } | undefined;
  private forceRestart = false;
  /** How early starts are released (learnt), and whether the last start is still to be judged. */
  private readonly latency: StartLatency;
  private judgeStart = false;
  /** The instant of the start last released, which may come a little before its instant. */
  private releasedFor: number | undefined;
  private muted = false;
  private blocked = false;
  private readyEpoch: number | undefined;
  private preloadedKey: string | undefined;
  private readonly durations = new Map<number, number>();
  private readonly failed = new Set<string>();
  private readonly fireTimer: InstantTimer;
  private readonly switchTimer: InstantTimer;
  private readonly nudgeTimer: InstantTimer;
  private readonly releaseTimer: InstantTimer;
  private readonly timers: Timers;
  private readonly tuning: SyncTuning;
  private readonly tickMs: number;
  private tickHandle: TimerHandle | undefined;
  private snapshot: EngineSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: EngineOptions) {
    this.timers = options.timers ?? browserTimers;
    this.tuning = options.tuning ?? VIDEO_TUNING;
    this.tickMs = options.tickMs ?? TICK_MS;
    this.latency = new StartLatency(options.startLatencyMs);
    const now = () => options.clock.now();
    this.fireTimer = new InstantTimer(now, this.timers, options.spinMs);
    this.switchTimer = new InstantTimer(now, this.timers, options.spinMs);
    this.nudgeTimer = new InstantTimer(now, this.timers, 0);
    this.releaseTimer = new InstantTimer(now, this.timers, options.spinMs);
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
    const loop = () => {
      this.tick();
      this.tickHandle = this.timers.setTimeout(loop, this.tickMs);
    };
    loop();
  }

  stop(): void {
    if (this.tickHandle !== undefined) this.timers.clearTimeout(this.tickHandle);
    this.tickHandle = undefined;
    this.fireTimer.cancel();
    this.switchTimer.cancel();
    this.releaseTimer.cancel();
    this.endNudge();
    this.plan = undefined;
    this.switchPlan = undefined;
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
    this.dropPlan();
    this.misses = 0;
    this.forceRestart = true;
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

  private srcOf(item: VideoItem | undefined): string | undefined {
    if (!item || item.isProcessing === true || item.mp4Url === undefined) return undefined;
    return this.failed.has(item.mp4Url) ? undefined : item.mp4Url;
  }

  private tick(): void {
    const now = this.options.clock.now();
    const { player, queue, index } = this.room;
    const playback = player ? effectivePlayback(player, now, this.durationOf) : undefined;
    const current = playback ? itemOf(queue, playback.itemId, index).item : undefined;
    const src = this.srcOf(current);
    if (!playback || !current || src === undefined) {
      this.idle();
      if (playback) this.tendStandby(playback, now, Infinity);
      this.publish(undefined);
      return;
    }
    this.assign(playback, current.id, src, now);
    const status = syncStatusOf(this.steer(playback, now), this.tuning);
    this.tendStandby(playback, now, this.runningFor(now));
    this.publish(status);
  }

  /** Puts the clip on screen: already there, prepared in the hidden element, or loaded now. */
  private assign(playback: EffectivePlayback, itemId: number, src: string, now: number): void {
    if (this.switchDue(playback, now)) {
      this.switchNow();
      return;
    }
    if (this.active.holds(itemId, src)) return;
    this.dropPlan();
    this.endNudge();
    this.runningSince = undefined;
    if (this.standby.holds(itemId, src)) {
      this.swap();
      return;
    }
    const lead = localLead(0, false, this.options.clock.rtt);
    const start = playback.running ? localStart(playback, now, lead) : undefined;
    this.plan = start;
    this.active.load(itemId, src, start?.position ?? playback.position);
    this.active.media.muted = this.muted;
  }

  private switchDue(playback: EffectivePlayback, now: number): boolean {
    const plan = this.switchPlan;
    return (
      plan !== undefined &&
      now >= plan.startsAt &&
      playback.itemId === plan.itemId &&
      playback.origin !== undefined &&
      Math.abs(playback.origin - plan.startsAt) < 1 &&
      this.standby.itemId === plan.itemId
    );
  }

  /** The announced next clip starts: the hidden element, armed at its first frame, runs. */
  private switchNow(): void {
    const plan = this.switchPlan;
    const next = this.standby;
    if (!plan || next.itemId !== plan.itemId) return;
    this.switchPlan = undefined;
    this.switchTimer.cancel();
    this.releaseTimer.cancel();
    this.dropPlan();
    this.runningSince = undefined;
    if (next.running || this.release(next)) this.started();
    this.swap();
  }

  /** Lets the armed next clip run (a little before its instant: see `StartLatency`). */
  private release(next: MediaSlot): boolean {
    if (next.running || !next.isPreparedAt(0, START_TIMING.positionTolerance)) return false;
    next.setRate(this.room.player?.rate ?? 1, false);
    if (next.media.paused) next.play();
    return true;
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

  /** Follows the room with the element on screen; says how that goes. */
  private steer(playback: EffectivePlayback, now: number): StatusInput {
    const el = this.active;
    const status: StatusInput = {
      blocked: this.blocked,
      waitingForMedia: false,
      restarting: false,
      error: undefined,
    };
    if (!el.hasMetadata) return { ...status, waitingForMedia: true };
    if (this.blocked) {
      // Nothing may play until the tap: hold the room's frame.
      this.dropPlan();
      el.pause();
      return status;
    }
    if (playback.scheduled && playback.startsAt !== undefined) {
      // Released a little early (see `StartLatency`): it is running, leave it be.
      if (this.releasedFor === playback.startsAt && el.running) return status;
      const step = this.follow(this.roomPlan(playback, playback.startsAt), playback, now);
      const late = playback.startsIn < START_TIMING.armLeadMs;
      return { ...status, waitingForMedia: late && (step.kind === 'wait' || step.kind === 'seek') };
    }
    if (!playback.running) {
      this.dropPlan();
      this.runningSince = undefined;
      this.forceRestart = false;
      const fix = planCorrection(
        { running: false, position: playback.position },
        el.reading(),
        playback.rate,
        this.tuning,
      );
      if (fix.pause) el.pause();
      if (fix.seekTo !== undefined && !el.media.seeking) el.seek(fix.seekTo);
      return status;
    }
    const buffering = el.media.readyState < HAVE_FUTURE_DATA || el.media.seeking;
    if (this.forceRestart || (!this.plan && !el.running)) this.restart(playback, now);
    if (this.plan) {
      const step = this.follow(this.plan, playback, now);
      const waiting = step.kind === 'wait' || step.kind === 'seek' || step.kind === 'missed';
      return { ...status, restarting: true, waitingForMedia: waiting && buffering };
    }
    const reading = el.reading();
    const advancing = this.advancing(now, reading.currentTime, reading.playbackRate);
    const fix = planCorrection(
      { running: true, position: playback.position },
      reading,
      playback.rate,
      this.tuning,
    );
    const measured = { ...status, waitingForMedia: buffering, error: fix.error };
    if (fix.seekTo !== undefined) {
      this.restart(playback, now);
      return { ...measured, restarting: true };
    }
    // Only measure an element that runs steadily, and once the last change has landed.
    if (this.nudgeUntil !== undefined || now < this.settleUntil || !advancing) return measured;
    if (this.judgeStart) {
      this.judgeStart = false;
      this.latency.learn(fix.error * 1000);
    }
    if (fix.nudge) this.startNudge(fix.nudge.rate, fix.nudge.durationMs, playback.rate, now);
    return measured;
  }

  /** Whether the element's time moved at its rate since the last reading (not stalled). */
  private advancing(now: number, time: number, rate: number): boolean {
    const last = this.lastReading;
    this.lastReading = { at: now, time };
    if (!last || now - last.at < 20) return false;
    const speed = ((time - last.time) * 1000) / (now - last.at);
    return Math.abs(speed - rate) <= ADVANCE_TOLERANCE * rate;
  }

  /** Runs at `rate` for `durationMs`, then at the room's rate again, precisely timed. */
  private startNudge(rate: number, durationMs: number, baseRate: number, now: number): void {
    const el = this.active;
    el.setRate(rate, true);
    const until = now + durationMs;
    this.nudgeUntil = until;
    this.nudgeTimer.at(until, () => {
      el.setRate(baseRate, false);
      this.nudgeUntil = undefined;
      this.settleUntil = until + this.tuning.settleMs;
      this.lastReading = undefined;
    });
  }

  private endNudge(): void {
    if (this.nudgeUntil !== undefined) {
      const el = this.active;
      if (el.running) el.setRate(this.room.player?.rate ?? 1, false);
    }
    this.nudgeTimer.cancel();
    this.nudgeUntil = undefined;
    this.lastReading = undefined;
  }

  /** The element on screen has just started running: let the start land before measuring. */
  private started(): void {
    const now = this.options.clock.now();
    this.runningSince = now;
    this.misses = 0;
    this.settleUntil = now + this.tuning.settleMs;
    this.lastReading = undefined;
    this.judgeStart = true;
  }

  /** A start of our own on the room's running clip. */
  private restart(playback: EffectivePlayback, now: number): void {
    this.forceRestart = false;
    this.endNudge();
    this.runningSince = undefined;
    this.fireTimer.cancel();
    this.plan = localStart(playback, now, localLead(this.misses, true, this.options.clock.rtt));
  }

  /** The scheduled start of the room, the same object while it does not change. */
  private roomPlan(playback: EffectivePlayback, at: number): StartPlan {
    const plan = this.plan;
    const position = playback.position;
    if (plan?.kind === 'room' && plan.at === at && plan.position === position) {
      if (plan.epoch === playback.epoch) return plan;
    }
    this.fireTimer.cancel();
    this.runningSince = undefined;
    this.plan = { at, position, kind: 'room', epoch: playback.epoch };
    return this.plan;
  }

  /** One step of a start: seek, wait, report ready, arm, or (at the instant) run. */
  private follow(plan: StartPlan, playback: EffectivePlayback, now: number) {
    const el = this.active;
    const step = startStep(plan, el.reading(), now);
    switch (step.kind) {
      case 'seek':
        el.seek(step.to);
        break;
      case 'wait':
        break;
      case 'ready':
      case 'arm':
      case 'armed':
        if (plan.kind === 'room' && plan.epoch !== undefined) this.reportReady(plan.epoch);
        if (step.kind === 'arm') {
          el.media.muted = this.muted;
          el.arm();
        }
        if (this.fireTimer.pendingAt !== plan.at - this.latency.ms) {
          this.fireTimer.at(plan.at - this.latency.ms, () => {
            this.fire(plan);
          });
        }
        break;
      case 'fire':
        this.fire(plan);
        break;
      case 'missed':
        this.fireTimer.cancel();
        this.misses++;
        if (playback.running) this.restart(playback, now);
        else this.plan = undefined;
        break;
    }
    return step;
  }

  /** The instant of a start: release the armed element (or play one that is prepared). */
  private fire(plan: StartPlan): void {
    if (this.plan !== plan) return;
    const el = this.active;
    if (!el.isPreparedAt(plan.position, START_TIMING.positionTolerance)) return;
    el.setRate(this.room.player?.rate ?? 1, false);
    if (el.media.paused) el.play();
    this.plan = undefined;
    this.releasedFor = plan.at;
    this.fireTimer.cancel();
    this.started();
  }

  private dropPlan(): void {
    this.plan = undefined;
    this.fireTimer.cancel();
    this.endNudge();
  }

  /** ms the clip on screen has run here; undefined while a start is pending. */
  private runningFor(now: number): number | undefined {
    if (this.plan || this.runningSince === undefined) return undefined;
    return now - this.runningSince;
  }

  /** The clip on screen is not ours (an embed plays, or nothing does). */
  private idle(): void {
    this.dropPlan();
    this.runningSince = undefined;
    this.active.pause();
  }

  /** Preloads the announced next clip in the hidden element, and arms it for its start. */
  private tendStandby(playback: EffectivePlayback, now: number, runningForMs: number | undefined) {
    const next = playback.advanced ? undefined : playback.next;
    const item = next ? this.room.queue.find((entry) => entry.id === next.itemId) : undefined;
    const src = this.srcOf(item);
    if (!next || !item || src === undefined) {
      this.cancelSwitch();
      return;
    }
    this.aimSwitch(next);
    const standby = this.standby;
    // Loading and seeking the hidden element wait for a quiet moment; arming does not.
    const quiet = shouldPreload({
      nextSrc: src,
      loadedSrc: undefined,
      runningForMs,
      untilSwitchMs: next.startsAt - now,
    });
    if (!standby.holds(item.id, src)) {
      if (quiet) {
        standby.load(item.id, src, 0);
        standby.media.muted = true;
      }
      return;
    }
    if (!standby.hasMetadata) return;
    const atStart = standby.isPreparedAt(0, START_TIMING.positionTolerance);
    if (!atStart && !standby.media.seeking && standby.media.currentTime !== 0 && quiet) {
      standby.pause();
      standby.seek(0);
      return;
    }
    if (!atStart) return;
    this.reportPreloaded(item.id, standby.generation, next.startsAt);
    if (now < next.startsAt - START_TIMING.armLeadMs || standby.running) return;
    if (!standby.armed) {
      standby.media.muted = this.muted;
      standby.arm();
    }
    // Aimed now, not when the next clip was announced: the start latency is learnt meanwhile.
    const releaseAt = next.startsAt - this.latency.ms;
    if (this.releaseTimer.pendingAt !== releaseAt) {
      const plan = this.switchPlan;
      this.releaseTimer.at(releaseAt, () => {
        if (plan && this.switchPlan === plan && this.standby.itemId === plan.itemId) {
          this.release(this.standby);
        }
      });
    }
  }

  private aimSwitch(next: SwitchPlan): void {
    const current = this.switchPlan;
    if (current?.itemId === next.itemId && current.startsAt === next.startsAt) return;
    const plan = { itemId: next.itemId, startsAt: next.startsAt };
    this.switchPlan = plan;
    this.releaseTimer.cancel();
    this.switchTimer.at(next.startsAt, () => {
      this.switchNow();
      this.tick();
    });
  }

  private cancelSwitch(): void {
    if (!this.switchPlan) return;
    this.switchPlan = undefined;
    this.switchTimer.cancel();
    this.releaseTimer.cancel();
    if (this.standby.armed || this.standby.running) {
      this.standby.pause();
      this.standby.media.muted = true;
    }
  }

  private reportReady(epoch: number): void {
    if (this.readyEpoch === epoch) return;
    this.readyEpoch = epoch;
    this.options.reports.ready(epoch);
  }

  private reportPreloaded(itemId: number, generation: number, startsAt: number): void {
    const key = `${itemId}:${generation}:${startsAt}`;
    if (this.preloadedKey === key) return;
    this.preloadedKey = key;
    this.options.reports.preloaded(itemId);
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
      last.durations.size !== this.durations.size ||
      last.failed.size !== this.failed.size;
    if (!changed) return;
    this.snapshot = {
      shown: this.shown,
      status,
      blocked: this.blocked,
      durations: new Map(this.durations),
      failed: new Set(this.failed),
    };
    for (const listener of this.listeners) listener();
  }
}
