import type { UpcomingClip } from '@wt/protocol';
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
}

/** What the hidden element waits to show, and from when. */
export interface SwitchPlan {
  itemId: number;
  startsAt: number;
}

/** Lets an element armed on frame 0 run; false when it is not prepared there. */
export function releaseAtStart(slot: MediaSlot, rate: number): boolean {
  if (slot.running || !slot.isPreparedAt(0, START_TIMING.positionTolerance)) return false;
  slot.setRate(rate, false);
  if (slot.media.paused) slot.play();
  return true;
}

/**
 * The hidden element and the clip announced to follow: loaded once the clip on screen has
 * settled, held on frame 0, reported buffered, armed 300 ms before `next.startsAt`,
 * released by the learnt start latency, and handed to the engine at the instant.
 */
export class Standby {
  private plan: SwitchPlan | undefined;
  /** How late (ms) the hidden element was released for the plan's switch, once it was. */
  private releasedLateMs: number | undefined;
  private preloadedKey: string | undefined;
  private readonly switchTimer: InstantTimer;
  private readonly releaseTimer: InstantTimer;

  constructor(private readonly options: StandbyOptions) {
    const now = () => options.clock.now();
    this.switchTimer = new InstantTimer(now, options.timers, options.spinMs);
    this.releaseTimer = new InstantTimer(now, options.timers, options.spinMs);
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
      }
      return;
    }
    if (!slot.hasMetadata) return;
    const atStart = slot.isPreparedAt(0, START_TIMING.positionTolerance);
    if (!atStart && !slot.media.seeking && slot.media.currentTime !== 0 && quiet) {
      slot.pause();
      slot.seek(0);
      return;
    }
    if (!atStart) return;
    this.reportPreloaded(next.itemId, slot.generation, next.startsAt);
    if (now < next.startsAt - START_TIMING.armLeadMs || slot.running) return;
    if (!slot.armed) {
      slot.media.muted = this.options.muted();
      slot.arm();
    }
    // Aimed now, not when the next clip was announced: the start latency is learnt meanwhile.
    const releaseAt = next.startsAt - this.options.latencies.switch(slot.media.muted).ms;
    if (this.releaseTimer.pendingAt !== releaseAt) {
      const plan = this.plan;
      this.releaseTimer.at(releaseAt, () => {
        if (plan && this.plan === plan && slot.itemId === plan.itemId) {
          const lateMs = Math.max(0, this.options.clock.now() - releaseAt);
          if (releaseAtStart(slot, this.options.rate())) this.releasedLateMs = lateMs;
        }
      });
    }
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
  take(): (SwitchPlan & { releasedLateMs: number | undefined }) | undefined {
    const plan = this.plan;
    const releasedLateMs = this.releasedLateMs;
    this.plan = undefined;
    this.releasedLateMs = undefined;
    this.switchTimer.cancel();
    this.releaseTimer.cancel();
    return plan && { ...plan, releasedLateMs };
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
