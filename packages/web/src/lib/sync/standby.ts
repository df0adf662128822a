import type { UpcomingClip } from '@wt/protocol';
import type { AudioGrid } from './audio-grid';
import { aimAtGrid, releaseMoment, type GridAim } from './grid-aim';
import { GridProbe, PROBE_MS } from './grid-probe';
import { InstantTimer, type Timers } from './instant-timer';
import { shouldPreload } from './preload';
import type { MediaSlot } from './slot';
import type { StartLatencies } from './start-latencies';
import { START_TIMING } from './tuning';

export interface StandbyOptions {
  clock: { now(): number };
  timers: Timers;
  spinMs: number | undefined;
  latencies: StartLatencies;
  /** The hidden element has the next clip buffered from its start. */
  preloaded: (itemId: number) => void;
  muted: () => boolean;
  rate: () => number;
  /** The instant the next clip starts (the engine shows it). */
  onSwitch: () => void;
  /**
   * The audio output's grid, where this page learns it: the hidden element probes it
   * silently while it waits, and a switch with sound is aimed at a point of it.
   */
  grid?: AudioGrid | undefined;
  /** Whether a probe may run now: the page plays its clip with sound, nothing is blocked. */
  mayProbe?: () => boolean;
  /** A probe has ended: look again. */
  probed?: () => void;
}

/** A switch with sound is aimed at the grid this long (ms) before its instant, once. */
export const GRID_AIM_LEAD_MS = 800;
/** No probe starts nearer the aim than this (ms): it and its seek back are over by then. */
const PROBE_CLEARANCE_MS = GRID_AIM_LEAD_MS + PROBE_MS + 150;

/** What the hidden element waits to show, and from when. */
export interface SwitchPlan {
  itemId: number;
  startsAt: number;
}

/** Lets an element armed at its start position run; false when it is not prepared there. */
export function releaseAtStart(slot: MediaSlot, rate: number, position = 0): boolean {
  if (slot.running || !slot.isPreparedAt(position, START_TIMING.positionTolerance)) return false;
  slot.setRate(rate, false);
  if (slot.media.paused) slot.play();
  return true;
}

/** What `Standby.take` hands over: the switch and how its release went. */
export interface TakenSwitch extends SwitchPlan {
  /** How late the hidden element was released (ms); undefined when it was not released yet. */
  releasedLateMs: number | undefined;
  /** Where in its clip the element starts (s): 0, or the grid's offset. */
  position: number;
  /** How it was aimed at the audio output's grid; undefined: not aimed. */
  grid: GridAim | undefined;
}

/**
 * The hidden element and the clip announced to follow: loaded once the clip on screen has
 * settled, held on frame 0, reported buffered, armed 300 ms before `next.startsAt`,
 * released by the learnt start latency, and handed to the engine at the instant. With a
 * grid (`AudioGrid`), it probes the audio output while it waits and, once the grid is
 * known, a switch with sound is aimed at a grid point instead.
 */
export class Standby {
  private plan: SwitchPlan | undefined;
  private gridSwitch: GridAim | undefined;
  /**
   * Where in its clip the hidden element waits (s): 0, or the offset of the grid point a
   * switch was aimed at. If the switch moves after that (a new instant, too near to seek
   * again), it stays there and is released by its latency, that offset later.
   */
  private startFrom = 0;
  private readonly probe: GridProbe | undefined;
  /** How late (ms) the hidden element was released for the plan's switch, once it was. */
  private releasedLateMs: number | undefined;
  private preloadedKey: string | undefined;
  private readonly switchTimer: InstantTimer;
  private readonly releaseTimer: InstantTimer;

  constructor(private readonly options: StandbyOptions) {
    const now = () => options.clock.now();
    this.switchTimer = new InstantTimer(now, options.timers, options.spinMs);
    this.releaseTimer = new InstantTimer(now, options.timers, options.spinMs);
    const { grid } = options;
    this.probe =
      grid &&
      new GridProbe(grid, options.timers, () => {
        options.probed?.();
      });
  }

  /**
   * Prepares `slot` (the hidden element) for `next`, whose media is `src`; `runningForMs`
   * is how long the clip on screen has run (see `shouldPreload`).
   */
  tend(
    slot: MediaSlot,
    next: UpcomingClip,
    src: string,
    now: number,
    runningForMs: number | undefined,
  ): void {
    this.aim(next);
    if (this.probe?.running) return;
    // Loading and seeking the hidden element wait for a quiet moment; arming does not.
    const quiet = shouldPreload({
      nextSrc: src,
      loadedSrc: undefined,
      runningForMs,
      untilSwitchMs: next.startsAt - now,
    });
    if (!slot.holds(next.itemId, src)) {
      if (quiet) {
        slot.load(next.itemId, src, 0);
        slot.media.muted = true;
        this.startFrom = 0;
      }
      return;
    }
    if (!slot.hasMetadata) return;
    if (quiet && now >= next.startsAt - GRID_AIM_LEAD_MS) this.aimAtGrid(next, now);
    const from = this.startFrom;
    const tolerance = START_TIMING.positionTolerance;
    const atStart = slot.isPreparedAt(from, tolerance);
    const elsewhere = Math.abs(slot.media.currentTime - from) > tolerance;
    if (!atStart && !slot.media.seeking && elsewhere && quiet) {
      slot.pause();
      slot.seek(from);
      return;
    }
    if (!atStart) return;
    this.reportPreloaded(next.itemId, slot.generation, next.startsAt);
    if (this.probe && this.shouldProbe(slot, next, now)) {
      this.probe.start(slot);
      return;
    }
    if (now < next.startsAt - START_TIMING.armLeadMs || slot.running) return;
    if (!slot.armed) {
      slot.media.muted = this.options.muted();
      slot.arm();
    }
    // Aimed now, not when the next clip was announced: the start latency is learnt meanwhile.
    const releaseAt = this.releaseAt(next, slot, from);
    if (this.releaseTimer.pendingAt !== releaseAt) {
      const plan = this.plan;
      this.releaseTimer.at(releaseAt, () => {
        if (plan && this.plan === plan && slot.itemId === plan.itemId) {
          const lateMs = Math.max(0, this.options.clock.now() - releaseAt);
          if (releaseAtStart(slot, this.options.rate(), from)) this.releasedLateMs = lateMs;
        }
      });
    }
  }

  /**
   * When to release the armed element: at the grid's moment for a switch aimed at it and
   * still with sound; else the start latency before the instant (and the element's offset
   * into its clip, if it was aimed at the grid and is muted since: a muted start does not
   * wait for the audio output).
   */
  private releaseAt(next: UpcomingClip, slot: MediaSlot, from: number): number {
    const { muted } = slot.media;
    const latencyMs = this.options.latencies.switch(muted).ms;
    const rate = this.options.rate();
    return releaseMoment(next.startsAt, from, rate, latencyMs, this.gridSwitch, muted);
  }

  /**
   * Aims the switch at the audio output's grid, once per switch, if the grid is known and
   * the page plays with sound: the first grid point at or after the instant, the element
   * positioned that far into its clip (less than a period: the clip's first frame).
   */
  private aimAtGrid(next: UpcomingClip, now: number): void {
    const { grid } = this.options;
    if (!grid || this.gridSwitch || this.options.muted()) return;
    if (now >= next.startsAt - START_TIMING.armLeadMs) return;
    const aim = aimAtGrid(grid, this.options.clock.now(), next.startsAt, this.options.rate());
    if (!aim) return;
    this.startFrom = aim.skip;
    this.gridSwitch = aim;
  }

  /** A probe now: the grid wants one, the element idles on its frame, the switch is far. */
  private shouldProbe(slot: MediaSlot, next: UpcomingClip, now: number): boolean {
    const { grid, mayProbe } = this.options;
    if (!grid || this.gridSwitch || !(mayProbe?.() ?? false)) return false;
    if (slot.armed || slot.running || next.startsAt - now < PROBE_CLEARANCE_MS) return false;
    return grid.wantsProbe();
  }

  /** Whether the switch to `slot`'s clip is due: its instant has come for this run. */
  due(slot: MediaSlot, itemId: number | undefined, origin: number | undefined, now: number) {
    const plan = this.plan;
    return (
      plan !== undefined &&
      now >= plan.startsAt &&
      itemId === plan.itemId &&
      origin !== undefined &&
      Math.abs(origin - plan.startsAt) < 1 &&
      slot.itemId === plan.itemId
    );
  }

  /**
   * The switch happens now: the plan is used up. `releasedLateMs`: how late the hidden
   * element was released for it (undefined when it was not released yet).
   */
  take(): TakenSwitch | undefined {
    const plan = this.plan;
    const releasedLateMs = this.releasedLateMs;
    const gridSwitch = this.gridSwitch;
    const position = this.startFrom;
    this.plan = undefined;
    this.releasedLateMs = undefined;
    this.gridSwitch = undefined;
    this.startFrom = 0;
    this.switchTimer.cancel();
    this.releaseTimer.cancel();
    this.probe?.cancel();
    return (
      plan && {
        ...plan,
        releasedLateMs,
        position,
        grid: gridSwitch,
      }
    );
  }

  /** Nothing follows any more (or something else does): stand down. */
  cancel(slot: MediaSlot): void {
    if (!this.take()) return;
    if (slot.armed || slot.running) {
      slot.pause();
      slot.media.muted = true;
    }
  }

  private aim(next: UpcomingClip): void {
    const current = this.plan;
    if (current?.itemId === next.itemId && current.startsAt === next.startsAt) return;
    this.plan = { itemId: next.itemId, startsAt: next.startsAt };
    this.releasedLateMs = undefined;
    this.gridSwitch = undefined;
    this.releaseTimer.cancel();
    this.switchTimer.at(next.startsAt, this.options.onSwitch);
  }

  private reportPreloaded(itemId: number, generation: number, startsAt: number): void {
    const key = `${itemId}:${generation}:${startsAt}`;
    if (this.preloadedKey === key) return;
    this.preloadedKey = key;
    this.options.preloaded(itemId);
  }
}
