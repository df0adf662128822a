/**
 * The numbers the sync engine steers by, with where they come from. Chromium facts
 * measured on a 2-core machine: once a page plays its offset stays constant to 0.1 ms,
 * so the whole problem is the start; `play()` at the instant lands within 8 ms (p95,
 * 33 ms with a busy CPU); a seek costs 13-46 ms and fires `waiting`; an element armed
 * ~300 ms early at `playbackRate = 0` and set to rate 1 at the instant, then nudged,
 * stays within 0.8 ms (p95); creating and loading a `<video>` blocks the main thread
 * 50-100 ms.
 */
export interface SyncTuning {
  /**
   * Closer than this to the room (seconds), a start's landing leaves the element alone:
   * it runs at the room's rate, untouched.
   */
  deadBand: number;
  /**
   * Once a start has landed, an error is corrected only past this (seconds). Steady play
   * keeps its offset to 0.1 ms, so what moves it later is the clock's estimate being
   * measured again: steps of 2-3.3 ms on the bench's paths, each of which a 2 ms band
   * corrected with a rate pulse, and a rate change can cost a frame: in two sync runs a
   * frame dropped 70-90 ms after such a pulse ended (pulses of 1.1-1.3% for 250 ms, for
   * 2.8 and 3.2 ms), as the return to the room's rate took effect, and none in over 120 s
   * of play without a pulse. Nobody sees 4 ms; every pulse risks a stutter: in this
   * Chromium a dropped frame follows 7-30% of such pulses, against 0-6% of as many
   * moments left alone, and no size, length or pitch mode of pulse avoids it (`npm run
   * bench -- rate-change`). The band is how seldom the engine corrects.
   */
  steadyDeadBand: number;
  /**
   * A nudge spreads its correction over about this long (ms), faster only up to `maxRate`;
   * longer while the page's timers fire late (`MainThreadLag.pace`), as a pulse ends on one.
   */
  nudgeMs: number;
  /**
   * A rate change shows in the element's time this late (ms): Chromium plays out the
   * audio it has buffered at the old rate first. No new measurement before it has landed,
   * or the correction would be corrected again (measured: 80-120 ms with sound).
   */
  settleMs: number;
  /**
   * The first corrections after a start (its landing): measured this long (ms) after the
   * instant (a timed look, not the next tick) once the element runs steadily, and spread
   * over only `landingNudgeMs`; a second quick one takes what the first missed. A start lands within a few ms or tens of ms (the first frame's hold
   * varies from start to start, and a busy main thread releases late); a new clip's first
   * seconds are where people compare screens, so that error goes at once, not over half a
   * second. Its frames count as the start's: the pulse is part of landing it.
   */
  landingSettleMs: number;
  landingNudgeMs: number;
  /**
   * After a landing pulse its next measurement comes this long (ms) after the pulse ended:
   * the longest a rate change was seen to take to show (80-120 ms), not the steady
   * `settleMs`, so a start's second quick correction is not held back.
   */
  landingSettleAfterNudgeMs: number;
  /** Fastest catch-up, as a multiple of the room's rate. */
  maxRate: number;
  /** Slowest hold-back when ahead. */
  minRate: number;
  /** A playing element this far off (seconds) is re-started on the room's frame, not nudged. */
  seekThreshold: number;
  /** Paused, everyone shows the same frame: anything further off than this is seeked. */
  pausedTolerance: number;
  /** Off by more than this, the player reports itself `catching_up`. */
  catchingUpAbove: number;
  /** Whether the player can change its rate at all. */
  canNudge: boolean;
}

/** Our own `<video>`. */
export const VIDEO_TUNING: SyncTuning = {
  // Our target is every pair of screens within 10 ms (p95), and two pages each just inside
  // the band on opposite sides sit twice it apart, plus what their clocks are off (±1-3 ms
  // each behind 20-150 ms paths). Measured with 4 ms: pages left 3.5 ms behind and 3.5 ms
  // ahead, 7-9 ms apart for a whole clip; with 2 ms every page within ±1.6 ms of its room.
  deadBand: 0.002,
  // Steady play only: starts land inside the 2 ms band above, so these 4 ms leave the
  // clock's re-estimates alone (steady p95 1.2-3.1 ms apart, measured with it).
  steadyDeadBand: 0.004,
  nudgeMs: 250,
  settleMs: 150,
  landingSettleMs: 50,
  landingNudgeMs: 100,
  landingSettleAfterNudgeMs: 125,
  // Twice the room's rate catches up a main-thread stall or a late start quickly.
  maxRate: 2,
  minRate: 0.5,
  seekThreshold: 1,
  pausedTolerance: 0.002,
  catchingUpAbove: 0.03,
  canNudge: true,
};

/**
 * The TikTok Embed Player: no rate control, and it reports its time only now and then
 * (about every 250-500 ms), so only large errors are worth a seek.
 */
export const EMBED_TUNING: SyncTuning = {
  ...VIDEO_TUNING,
  canNudge: false,
  seekThreshold: 0.75,
  pausedTolerance: 0.3,
  catchingUpAbove: 0.75,
};

/** Timing of a start. */
export const START_TIMING = {
  /** `play()` at rate 0 this long before the instant (ms), so the pipeline is running then. */
  armLeadMs: 300,
  /**
   * A start of our own (resync, large error) on media already loaded is aimed this far
   * ahead (ms): a seek costs 13-46 ms, then the element is armed.
   */
  localLeadMs: 300,
  /**
   * Media not loaded yet (a late join): this long plus two round trips before it can show
   * the frame: a connection of its own (the page's are busy with its script and styles),
   * then the response, which brings the metadata and, for a short clip, the data at the
   * start position too. Measured behind a 150 ms round trip on a busy 2-core machine:
   * 450-500 ms from the load to the frame. Guessed short, the start is found late, fired
   * anyway and caught up at up to twice the rate, which is heard, and lands only after a
   * few corrections; guessed long, it costs the excess, once.
   */
  loadLeadMs: 200,
  loadRoundTrips: 2,
  /**
   * Once the loading clip's metadata is here, its start is aimed this far ahead (ms), with
   * a round trip more if the data at the start position is still to come: the seek there
   * took 51-111 ms behind the bench's 150 ms path on a busy 2-core machine (data in the
   * buffer), the arm 10-20 ms.
   */
  metadataLeadMs: 250,
  /** A load's start nearer than this (ms) when the metadata comes is aimed again, later. */
  metadataMinLeadMs: 120,
  /** Each missed start doubles the next lead, up to this (ms). */
  maxLocalLeadMs: 4_000,
  /** A start position within this of the element's time is where it already is (seconds). */
  positionTolerance: 0.001,
  /** The timer aimed at an instant wakes this early and waits out the rest precisely (ms). */
  spinMs: 4,
  /**
   * A release later than this (ms) is caught up at once, by a pulse of its own. A smaller
   * lateness is left to the landing measurement, which comes about 50 ms later and takes it
   * with the rest of the error in one pulse: a pulse of its own would hold that measurement
   * back until the pulse has shown (150-250 ms), and the start would land later.
   */
  latePulseMinMs: 25,
} as const;

/** When the next clip is loaded into the hidden element (ms). */
export const PRELOAD_TIMING = {
  /** Not before the current clip has run this long here: its start must stay smooth. */
  afterStartMs: 700,
  /** ... or this share of its run, for a clip too short to wait that long. */
  shortClipShare: 0.3,
  /** Not this close to the switch: the load would stall it. Later, the switch loads instead. */
  notWithinMs: 400,
} as const;

/** How often the engine measures and corrects (ms). */
export const TICK_MS = 50;
