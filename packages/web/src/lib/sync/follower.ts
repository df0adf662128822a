import type { EffectivePlayback } from '../playback-sync';
import { AdvanceCheck } from './advance-check';
import { AgreeingReadings } from './agreeing-readings';
import type { AudioGrid } from './audio-grid';
import { aimAtGrid, aimedLanding, releaseMoment, type GridAim } from './grid-aim';
import { InstantTimer, type Timers } from './instant-timer';
import { nudgeFor, planCorrection } from './planner';
import { RatePulse } from './rate-pulse';
import type { MediaSlot } from './slot';
import type { StartLatencies } from './start-latencies';
import type { StartLatency } from './start-latency';
import { LoadAim } from './load-aim';
import type { MainThreadLag } from './main-thread-lag';
import {
  HAVE_FUTURE_DATA,
  localLead,
  localStart,
  startStep,
  type StartPlan,
  type StartStep,
} from './start-plan';
import type { StatusInput } from './status';
import { START_TIMING, type SyncTuning } from './tuning';

/**
 * A start is landed by up to this many quick pulses (the first measurement, soon after
 * the start, can miss part of the error); later errors get the steady, gentler pulses.
 */
const LANDING_CORRECTIONS = 2;
/**
 * While a start lands the element is read this often (ms), not at the 50 ms tick: its
 * measurement comes as soon as two readings show it running steadily.
 */
const LANDING_READING_GAP_MS = 25;
/** Landing readings stop this long (ms) after the start (an element that never runs). */
const LANDING_POLL_FOR_MS = 1_500;

/** What a start's landing teaches: the error left once it runs steadily (ms, + = behind). */
export interface StartLearner {
  learn(lagMs: number): void;
}

export interface FollowerOptions {
  /** The server's clock now (ms), and the round trip of its estimate. */
  clock: { now(): number; readonly rtt: number | undefined };
  timers: Timers;
  spinMs: number | undefined;
  tuning: SyncTuning;
  /** How early to release a start, by kind (this follower's: starts in place). */
  latencies: StartLatencies;
  /** Prepared for the scheduled start of this epoch (said once per epoch). */
  ready: (epoch: number) => void;
  muted: () => boolean;
  /** The room's playback rate. */
  rate: () => number;
  /** Look again at server time `at` (a landing's measurement is timed, not left to the tick). */
  wake: (at: number) => void;
  /** How late this page's timers have fired lately: pulses are paced by it. */
  lag: MainThreadLag;
  /** The audio output's grid, where the page learns it: starts with sound are aimed at it. */
  grid?: AudioGrid | undefined;
}

/** A start nearer than this (ms) is not aimed at the grid: its new seek could make it late. */
const GRID_MIN_LEAD_MS = 200;

/**
 * Keeps the element on screen on the room's frame: prepares, arms and releases starts
 * (the room's scheduled ones and its own), nudges small errors away with timed rate
 * pulses, starts again on the room's frame after a large one, holds the exact frame when
 * the room is paused. Learns the page's start latency from every start.
 */
export class Follower {
  /** The start the element is being prepared for. */
  private plan: StartPlan | undefined;
  /** The start of the clip loading into the element on screen. */
  private readonly load = new LoadAim();
  private misses = 0;
  /** Server time the element started running its clip here. */
  private runningSince: number | undefined;
  /** No new measurement before this (a start or a nudge has not landed yet). */
  private settleUntil = 0;
  private readonly readings = new AdvanceCheck();
  /** Steady play: a correction waits for two readings that agree. */
  private readonly agreeing = new AgreeingReadings();
  private forceRestart = false;
  /** Which latency the last start teaches (own starts, or switches). */
  private learning: StartLearner;
  /** The last start is still to be measured for its latency. */
  private judgeStart = false;
  /** How late (ms) the last start was released, where no pulse of its own took it back. */
  private unpulsedLateMs = 0;
  /** Server time of the next landing reading asked for. */
  private pollAt: number | undefined;
  /** Corrections left that still land the start: quick pulses, not the steady ones. */
  private landingLeft = 0;
  /** The instant of the start last released, which may come a little before its instant. */
  private releasedFor: number | undefined;
  private readyEpoch: number | undefined;
  private readonly fireTimer: InstantTimer;
  private readonly pulse: RatePulse;
  /** The plan last looked at for the grid, and its aim there (undefined: not aimed). */
  private gridAim: { plan: StartPlan; aim: GridAim | undefined } | undefined;

  constructor(private readonly options: FollowerOptions) {
    this.learning = options.latencies.start(false);
    const now = () => options.clock.now();
    this.fireTimer = new InstantTimer(now, options.timers, options.spinMs);
    this.pulse = new RatePulse(now, options.timers, options.tuning, options.lag);
  }

  /** Follows the room with `el` (the element on screen); says how that goes. */
  steer(el: MediaSlot, playback: EffectivePlayback, now: number, blocked: boolean): StatusInput {
    const status: StatusInput = {
      blocked,
      waitingForMedia: false,
      restarting: false,
      error: undefined,
    };
    if (!el.hasMetadata) {
      this.reaimLoad(el, playback, now);
      return { ...status, waitingForMedia: true };
    }
    this.aimAtMetadata(el, playback, now);
    if (blocked) {
      // Nothing may play until the tap: hold the frame.
      this.reset(el);
      el.pause();
      return status;
    }
    if (playback.scheduled && playback.startsAt !== undefined) {
      // Released a little early (see `StartLatency`): it is running, leave it be.
      if (this.releasedFor === playback.startsAt && el.running) return status;
      const step = this.follow(el, this.roomPlan(playback, playback.startsAt), playback, now);
      const late = playback.startsIn < START_TIMING.armLeadMs;
      return { ...status, waitingForMedia: late && (step.kind === 'wait' || step.kind === 'seek') };
    }
    if (!playback.running) return this.hold(el, playback, status);
    const buffering = el.media.readyState < HAVE_FUTURE_DATA || el.media.seeking;
    if (this.forceRestart || (!this.plan && !el.running)) this.restart(el, playback, now);
    if (this.plan) {
      const step = this.follow(el, this.plan, playback, now);
      const waiting = step.kind === 'wait' || step.kind === 'seek' || step.kind === 'missed';
      return { ...status, restarting: true, waitingForMedia: waiting && buffering };
    }
    return this.track(el, playback, now, { ...status, waitingForMedia: buffering });
  }

  /** The clip was just loaded into the element on screen: where it should start. */
  startForLoad(playback: EffectivePlayback, now: number): number {
    this.plan = this.load.begin(playback, this.options.clock.rtt, now);
    return this.plan?.position ?? playback.position;
  }

  /** A better round trip learnt before the metadata aims the load's start sooner. */
  private reaimLoad(el: MediaSlot, playback: EffectivePlayback, now: number): void {
    this.moveTo(el, this.load.beforeMetadata(this.plan, playback, this.options.clock.rtt, now));
  }

  /** The loading clip's metadata is here: its start is aimed again, once, with what is known. */
  private aimAtMetadata(el: MediaSlot, playback: EffectivePlayback, now: number): void {
    const { rtt } = this.options.clock;
    this.moveTo(el, this.load.atMetadata(this.plan, el.media, playback, rtt, now));
  }

  private moveTo(el: MediaSlot, plan: StartPlan | undefined): void {
    if (!plan) return;
    this.plan = plan;
    el.seek(plan.position);
  }

  /**
   * The element on screen has just started running: let the start land before measuring.
   * A release that came `lateMs` after its moment (a busy main thread) is caught up at
   * once, by exactly that much: the lateness is known, there is nothing to measure. What
   * is left once it runs steadily teaches `learnInto` (default: the latency of a start in
   * place, muted or not as `el` is).
   */
  started(now: number, el?: MediaSlot, lateMs = 0, learnInto?: StartLearner): void {
    this.learning = learnInto ?? this.latencyOf(el);
    this.runningSince = now;
    this.misses = 0;
    const { tuning } = this.options;
    this.settleUntil = now + tuning.landingSettleMs;
    this.readings.reset();
    this.agreeing.reset();
    this.judgeStart = true;
    this.landingLeft = LANDING_CORRECTIONS;
    this.unpulsedLateMs = Math.max(0, lateMs);
    // The landing is measured as soon as the element has run steadily for two readings:
    // one a reading gap before the settle, one at it, whatever the tick's phase.
    this.pollAt = undefined;
    this.pollLanding(now);
    if (el && lateMs >= START_TIMING.latePulseMinMs && tuning.canNudge) {
      const base = this.options.rate();
      const nudgeMs = this.options.lag.pace(tuning.landingNudgeMs);
      const pulse = nudgeFor(lateMs / 1000, base, { ...tuning, nudgeMs });
      this.unpulsedLateMs = 0;
      this.nudge(el, pulse, base, now);
    }
  }

  /** A start is under way or not landed yet (its quick corrections are still to come). */
  get landing(): boolean {
    return (
      this.plan !== undefined ||
      this.judgeStart ||
      this.landingLeft > 0 ||
      (this.pulse.running && this.runningSince !== undefined)
    );
  }

  /** Forgets what was under way (another clip, or another element, is on screen now). */
  reset(el: MediaSlot): void {
    this.plan = undefined;
    this.judgeStart = false;
    this.landingLeft = 0;
    this.fireTimer.cancel();
    this.endNudge(el);
    this.runningSince = undefined;
  }

  /** Starts again on the room's frame at the next look. */
  resync(el: MediaSlot): void {
    this.reset(el);
    this.misses = 0;
    this.forceRestart = true;
  }

  /** ms the clip on screen has run here; undefined while a start is pending. */
  runningFor(now: number): number | undefined {
    if (this.plan || this.runningSince === undefined) return undefined;
    return now - this.runningSince;
  }

  /** The room is paused (or at its end): the exact frame, standing still. */
  private hold(el: MediaSlot, playback: EffectivePlayback, status: StatusInput): StatusInput {
    this.reset(el);
    this.forceRestart = false;
    const fix = planCorrection(
      { running: false, position: playback.position },
      el.reading(),
      playback.rate,
      this.options.tuning,
    );
    if (fix.pause) el.pause();
    if (fix.seekTo !== undefined && !el.media.seeking) el.seek(fix.seekTo);
    return status;
  }

  /** Running: measure once things have landed, and nudge or start again. */
  private track(
    el: MediaSlot,
    playback: EffectivePlayback,
    now: number,
    status: StatusInput,
  ): StatusInput {
    const reading = el.reading();
    const advancing = this.readings.advancing(now, reading.currentTime, reading.playbackRate);
    const landing = this.landingLeft > 0;
    const { tuning, lag } = this.options;
    const nudgeMs = lag.pace(landing ? tuning.landingNudgeMs : tuning.nudgeMs);
    const fix = planCorrection(
      { running: true, position: playback.position },
      reading,
      playback.rate,
      { ...tuning, nudgeMs },
    );
    const measured = { ...status, error: fix.error };
    if (fix.seekTo !== undefined) {
      this.restart(el, playback, now);
      return { ...measured, restarting: true };
    }
    if (this.pulse.running || now < this.settleUntil || !advancing) {
      this.pollLanding(now);
      return measured;
    }
    if (this.judgeStart) {
      this.judgeStart = false;
      // What the late release left is the main thread's, not the media's start latency.
      this.learning.learn(fix.error * 1000 - this.unpulsedLateMs);
    }
    if (landing) {
      this.landingLeft = fix.nudge ? this.landingLeft - 1 : 0;
      if (fix.nudge) this.nudge(el, fix.nudge, playback.rate, now);
      return measured;
    }
    const error = this.agreeing.agreed(now, fix.error, tuning.steadyDeadBand);
    if (error !== undefined && fix.nudge) {
      this.nudge(el, nudgeFor(error, playback.rate, { ...tuning, nudgeMs }), playback.rate, now);
    }
    return measured;
  }

  /**
   * While a start lands (its measurement or quick corrections still to come, no pulse
   * running), the next reading is asked for a reading gap from now, or a gap before the
   * settle ends if that is later: the measurement comes at the settle's end, not at the
   * next tick.
   */
  private pollLanding(now: number): void {
    if (!this.judgeStart && this.landingLeft === 0) return;
    if (this.pulse.running || this.runningSince === undefined) return;
    if (now - this.runningSince > LANDING_POLL_FOR_MS) return;
    if (this.pollAt !== undefined && this.pollAt > now) return;
    this.pollAt = Math.max(now + LANDING_READING_GAP_MS, this.settleUntil - LANDING_READING_GAP_MS);
    this.options.wake(this.pollAt);
  }

  /** A pulse of the rate; once it has ended, the next measurement waits for it to show. */
  private nudge(
    el: MediaSlot,
    pulse: { rate: number; durationMs: number },
    base: number,
    now: number,
  ) {
    this.agreeing.reset();
    this.pulse.start(el, pulse, base, now, (ended) => {
      const { tuning } = this.options;
      // A landing's next correction comes as soon as this pulse can have shown.
      const landing = this.landingLeft > 0;
      this.settleUntil = ended + (landing ? tuning.landingSettleAfterNudgeMs : tuning.settleMs);
      this.readings.reset();
      this.pollAt = undefined;
      this.pollLanding(ended);
    });
  }

  private endNudge(el: MediaSlot): void {
    this.pulse.cancel(el, this.options.rate());
    this.readings.reset();
  }

  /** A start of our own on the room's running clip. */
  private restart(el: MediaSlot, playback: EffectivePlayback, now: number): void {
    this.reset(el);
    this.forceRestart = false;
    const lead = localLead(this.misses, true, this.options.clock.rtt);
    this.plan = localStart(playback, now, lead);
  }

  /** The scheduled start of the room, the same object while it does not change. */
  private roomPlan(playback: EffectivePlayback, at: number): StartPlan {
    const plan = this.plan;
    const position = playback.position;
    const same =
      plan?.kind === 'room' &&
      plan.at === at &&
      plan.position === position &&
      plan.epoch === playback.epoch;
    if (plan && same) return plan;
    this.fireTimer.cancel();
    this.runningSince = undefined;
    this.plan = { at, position, kind: 'room', epoch: playback.epoch };
    return this.plan;
  }

  /** One step of a start: seek, wait, report ready, arm, or (at the instant) run. */
  private follow(
    el: MediaSlot,
    plan: StartPlan,
    playback: EffectivePlayback,
    now: number,
  ): StartStep {
    const aim = this.aimOf(plan, now);
    const target = aim ? { ...plan, position: plan.position + aim.skip } : plan;
    const step = startStep(target, el.reading(), now);
    switch (step.kind) {
      case 'seek':
        el.seek(step.to);
        break;
      case 'wait':
        break;
      case 'ready':
      case 'arm':
      case 'armed': {
        if (plan.kind === 'room' && plan.epoch !== undefined) this.reportReady(plan.epoch);
        if (step.kind === 'arm') {
          el.media.muted = this.options.muted();
          el.arm();
        }
        const releaseAt = this.releaseAt(el, plan, aim);
        if (this.fireTimer.pendingAt !== releaseAt) {
          this.fireTimer.at(releaseAt, () => {
            this.fire(el, plan, aim);
          });
        }
        break;
      }
      case 'fire':
        this.fire(el, plan, aim);
        break;
      case 'missed':
        this.fireTimer.cancel();
        // A load that outlasted its guess (a new connection, a busy page) says nothing of
        // how long a start of loaded media takes: the next one gets the loaded lead, not
        // twice it. Only a start of loaded media that missed doubles the next lead.
        if (this.load.owns(plan)) this.load.forget();
        else this.misses++;
        if (playback.running) this.restart(el, playback, now);
        else this.plan = undefined;
        break;
    }
    return step;
  }

  /**
   * The plan's aim at the audio output's grid, decided once per plan: a start with sound
   * far enough ahead, once the grid is trusted (see `AudioGrid`).
   */
  private aimOf(plan: StartPlan, now: number): GridAim | undefined {
    if (this.gridAim?.plan === plan) return this.gridAim.aim;
    const { grid, clock } = this.options;
    const aimable = grid && !this.options.muted() && plan.at - now >= GRID_MIN_LEAD_MS;
    const aim = aimable ? aimAtGrid(grid, clock.now(), plan.at, this.options.rate()) : undefined;
    this.gridAim = { plan, aim };
    return aim;
  }

  /**
   * When to release: at the grid's moment for a start aimed at it and still with sound;
   * else the start latency before the instant (and its skip later, if it was aimed and is
   * muted since: a muted start does not wait for the audio output).
   */
  private releaseAt(el: MediaSlot, plan: StartPlan, aim: GridAim | undefined): number {
    const { rate } = this.options;
    const latencyMs = this.latencyOf(el).ms;
    return releaseMoment(plan.at, aim?.skip ?? 0, rate(), latencyMs, aim, el.media.muted);
  }

  /** The instant of a start: release the armed element (or play one that is prepared). */
  private fire(el: MediaSlot, plan: StartPlan, aim: GridAim | undefined): void {
    if (this.plan !== plan) return;
    const position = plan.position + (aim?.skip ?? 0);
    if (!el.isPreparedAt(position, START_TIMING.positionTolerance)) return;
    const now = this.options.clock.now();
    const lateMs = now - this.releaseAt(el, plan, aim);
    this.options.lag.note(lateMs);
    el.setRate(this.options.rate(), false);
    if (el.media.paused) el.play();
    this.plan = undefined;
    this.releasedFor = plan.at;
    this.fireTimer.cancel();
    const { grid } = this.options;
    if (aim && grid && !el.media.muted) {
      const { catchUpMs, learner } = aimedLanding(grid, aim, lateMs, this.latencyOf(el));
      this.started(now, el, catchUpMs, learner);
    } else {
      this.started(now, el, lateMs);
    }
  }

  /** The latency of a start in place of `el` as it is (with sound or muted). */
  private latencyOf(el: MediaSlot | undefined): StartLatency {
    return this.options.latencies.start(el?.media.muted ?? this.options.muted());
  }

  private reportReady(epoch: number): void {
    if (this.readyEpoch === epoch) return;
    this.readyEpoch = epoch;
    this.options.ready(epoch);
  }
}
