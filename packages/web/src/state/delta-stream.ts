import { deltaOrder, type RoomDelta } from '@wt/protocol';

/** How long a missing revision may keep later ones waiting before the room is asked again (ms). */
export const DELTA_GAP_MS = 1_000;

export interface DeltaStreamOptions {
  /** Changes to apply, in revision order. */
  apply: (delta: RoomDelta) => void;
  /** A revision stayed missing: fetch the whole room again (a new join). */
  resync: () => void;
  gapMs?: number;
  timers?: {
    set: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
    clear: (handle: ReturnType<typeof setTimeout>) => void;
  };
}

/**
 * Puts the server's `room_delta` envelopes in revision order on top of the room this
 * client holds: the next one is applied (with any that were waiting behind it), an older
 * one is dropped, a later one waits for those before it for `DELTA_GAP_MS`, then the
 * whole room is fetched again. Until the first room arrives everything waits.
 */
export class DeltaStream {
  private held: number | undefined;
  private readonly waiting = new Map<number, RoomDelta>();
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly timers: NonNullable<DeltaStreamOptions['timers']>;

  constructor(private readonly options: DeltaStreamOptions) {
    this.timers = options.timers ?? {
      set: (run, ms) => setTimeout(run, ms),
      clear: (handle) => {
        clearTimeout(handle);
      },
    };
  }

  /**
   * The whole room arrived, at revision `rev`: what waited on top of it applies now. False
   * (and nothing changes) when it is older than what is held already: a read that was
   * overtaken by changes this client has applied.
   */
  base(rev: number): boolean {
    if (!this.canBase(rev)) return false;
    this.held = rev;
    this.drain();
    return true;
  }

  /** Whether a whole room at `rev` is at least as new as what is held. */
  canBase(rev: number): boolean {
    return this.held === undefined || rev >= this.held;
  }

  receive(delta: RoomDelta): void {
    if (this.held === undefined) {
      this.waiting.set(delta.rev, delta);
      return;
    }
    const order = deltaOrder(this.held, delta);
    if (order === 'stale') return;
    this.waiting.set(delta.rev, delta);
    this.drain();
  }

  /** A new session (not a recovered one): nothing held is worth anything any more. */
  reset(): void {
    this.held = undefined;
    this.waiting.clear();
    this.stopGapTimer();
  }

  private drain(): void {
    const held = this.held;
    if (held === undefined) return;
    let rev = held;
    for (const waiting of [...this.waiting.keys()]) {
      if (waiting <= rev) this.waiting.delete(waiting);
    }
    for (let next = this.waiting.get(rev + 1); next; next = this.waiting.get(rev + 1)) {
      this.waiting.delete(next.rev);
      rev = next.rev;
      this.options.apply(next);
    }
    this.held = rev;
    if (this.waiting.size === 0) this.stopGapTimer();
    else this.armGapTimer();
  }

  /** Asks for the room once a gap has lasted `gapMs`, and again each `gapMs` it lasts. */
  private armGapTimer(): void {
    if (this.gapTimer !== undefined) return;
    this.gapTimer = this.timers.set(() => {
      this.gapTimer = undefined;
      if (this.waiting.size === 0) return;
      this.options.resync();
      this.armGapTimer();
    }, this.options.gapMs ?? DELTA_GAP_MS);
  }

  private stopGapTimer(): void {
    if (this.gapTimer === undefined) return;
    this.timers.clear(this.gapTimer);
    this.gapTimer = undefined;
  }
}
