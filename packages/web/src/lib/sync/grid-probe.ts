import type { AudioGrid } from './audio-grid';
import { landingOf } from './probe-landing';
import type { TimerHandle, Timers } from './instant-timer';
import type { MediaSlot } from './slot';

/**
 * The probe's volume: inaudible (-80 dB), but above 0, so the element stays on the audio
 * output and its start waits for the output's next callback, as a start with sound does
 * (muted, or at volume 0, it would not: `npm run bench -- start-grid`).
 */
export const PROBE_VOLUME = 1e-4;

export const PROBE_TIMING = {
  /**
   * Armed (rate 0) between these (ms) before the rate is set, as a real start is; at
   * random, so that the probes' starts do not fall at regular intervals (starts evenly
   * spaced fit wrong grids by chance far more often).
   */
  minArmMs: 40,
  maxArmMs: 120,
  /** The element's line is read from this long after the rate was set (ms), once it has begun... */
  readFromMs: 130,
  /** ... every this many ms ... */
  readGapMs: 20,
  /** ... this many times (see `landingOf` for what they must agree on). */
  readings: 6,
} as const;

/** How long a probe occupies the element (ms), its seek back to the start not counted. */
export const PROBE_MS =
  PROBE_TIMING.maxArmMs +
  PROBE_TIMING.readFromMs +
  PROBE_TIMING.readGapMs * (PROBE_TIMING.readings - 1);

interface Run {
  slot: MediaSlot;
  generation: number;
  volume: number;
  from: number;
  releasedAt: number | undefined;
  origins: number[];
  handle: TimerHandle | undefined;
}

/**
 * One silent start of the hidden element, to learn where the audio output's grid lies
 * (`AudioGrid`): at `PROBE_VOLUME`, unmuted, armed at rate 0 and set to rate 1 as a real
 * start is; its line's origin (the page's clock less the media time it has run) is when
 * it began. Then it is paused, muted and put back on the frame it came from.
 */
export class GridProbe {
  private run: Run | undefined;

  constructor(
    private readonly grid: AudioGrid,
    private readonly timers: Timers,
    /** The probe is over (the element is on its way back to its frame). */
    private readonly done: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  get running(): boolean {
    return this.run !== undefined;
  }

  /** Probes with `slot`, prepared (paused) on its frame. */
  start(slot: MediaSlot): void {
    this.cancel();
    const { media } = slot;
    const run: Run = {
      slot,
      generation: slot.generation,
      volume: media.volume,
      from: media.currentTime,
      releasedAt: undefined,
      origins: [],
      handle: undefined,
    };
    this.run = run;
    media.volume = PROBE_VOLUME;
    media.muted = false;
    slot.arm();
    const { minArmMs, maxArmMs } = PROBE_TIMING;
    this.after(run, minArmMs + this.random() * (maxArmMs - minArmMs), () => {
      run.releasedAt = this.grid.now();
      slot.setRate(1, false);
      this.after(run, PROBE_TIMING.readFromMs, () => {
        this.read(run);
      });
    });
  }

  /** Stops a probe under way (the element is wanted for something else); `done` is not called. */
  cancel(): void {
    const run = this.run;
    if (!run) return;
    this.finish(run, false);
  }

  private read(run: Run): void {
    const { media } = run.slot;
    const moved = media.currentTime - run.from;
    if (moved > 0) run.origins.push(this.grid.now() - moved * 1000);
    if (run.origins.length >= PROBE_TIMING.readings || moved <= 0) {
      this.finish(run, true);
      return;
    }
    this.after(run, PROBE_TIMING.readGapMs, () => {
      this.read(run);
    });
  }

  private after(run: Run, ms: number, step: () => void): void {
    run.handle = this.timers.setTimeout(() => {
      run.handle = undefined;
      if (this.run === run) step();
    }, ms);
  }

  private finish(run: Run, measured: boolean): void {
    if (run.handle !== undefined) this.timers.clearTimeout(run.handle);
    this.run = undefined;
    const { slot } = run;
    const { media } = slot;
    // Untouched meanwhile: nobody muted it, loaded another clip or moved its rate.
    const clean =
      slot.generation === run.generation &&
      !media.muted &&
      media.volume === PROBE_VOLUME &&
      media.playbackRate === 1;
    slot.pause();
    media.muted = true;
    media.volume = run.volume;
    if (slot.generation === run.generation) slot.seek(run.from);
    if (!measured) return;
    if (clean && run.releasedAt !== undefined) this.note(run.releasedAt, run.origins);
    this.done();
  }

  private note(releasedAt: number, origins: number[]): void {
    if (origins.length < PROBE_TIMING.readings) return;
    const landedAt = landingOf(origins);
    if (landedAt !== undefined) this.grid.note({ releasedAt, landedAt });
  }
}
