import { StartLatency, type LearntStartLatency, type StartLatencyMemory } from './start-latency';

/**
 * The guess for a muted start until one is measured: a muted element does not wait for the
 * audio output (headless: 40.1-40.8 ms, against 70-93 ms with sound; `npm run bench --
 * start-grid`).
 */
export const INITIAL_MUTED_START_LATENCY_MS = 40;

export interface StartLatenciesOptions {
  /** The guess for every kind of start until one is measured (default: each kind's own). */
  initialMs?: number | undefined;
  /** What this browser learnt before, and where to keep what is learnt. */
  memory?: StartLatencyMemory | undefined;
}

interface Kind {
  start: StartLatency;
  switch: StartLatency;
}

/**
 * How early to release each kind of start, each learnt on its own. A start in place and a
 * switch to the element prepared beside it hold their first frame differently (the audio
 * output may already be running at a switch): switches learn their own latency, starting
 * from what starts in place have taught. A start with sound waits for the audio output
 * and a muted one does not: muted starts must not teach the starts with sound, or the
 * first clip after unmuting is released 30-50 ms early and caught up by a pulse, heard as
 * a chirp (and the other way round, a muted start lands as late).
 */
export class StartLatencies {
  private readonly sound: Kind;
  private readonly muted: Kind;

  constructor(options: StartLatenciesOptions = {}) {
    const { memory, initialMs } = options;
    const remembered = memory?.load();
    const save = () => {
      memory?.save(this.learnt());
    };
    const kind = (guessMs: number | undefined, startMs?: number, switchMs?: number): Kind => {
      const start = new StartLatency({ initialMs: guessMs, rememberedMs: startMs, onLearnt: save });
      const after = StartLatency.after(start, { rememberedMs: switchMs, onLearnt: save });
      return { start, switch: after };
    };
    this.sound = kind(initialMs, remembered?.start, remembered?.switch);
    this.muted = kind(
      initialMs ?? INITIAL_MUTED_START_LATENCY_MS,
      remembered?.mutedStart,
      remembered?.mutedSwitch,
    );
  }

  /** A start in place of an element muted (or not). */
  start(muted: boolean): StartLatency {
    return (muted ? this.muted : this.sound).start;
  }

  /** A switch to the prepared element, muted (or not). */
  switch(muted: boolean): StartLatency {
    return (muted ? this.muted : this.sound).switch;
  }

  /** Everything measured so far (here or remembered). */
  learnt(): LearntStartLatency {
    return {
      start: this.sound.start.learntMs,
      switch: this.sound.switch.learntMs,
      mutedStart: this.muted.start.learntMs,
      mutedSwitch: this.muted.switch.learntMs,
    };
  }
}
