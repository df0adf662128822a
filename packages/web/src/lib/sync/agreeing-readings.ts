/** Two readings further apart than this (ms) are not one measurement seen twice. */
const MAX_GAP_MS = 150;

/**
 * An error up to this (seconds) that appears once the element was seen on the room's
 * frame is corrected only after `SMALL_ERROR_HOLD_MS`; a larger one once two readings in
 * a row agree.
 */
export const SMALL_ERROR = 0.01;
/**
 * How long (ms) a small error must last before it is corrected. In steady play the element
 * keeps its offset to 0.1 ms, so a small error that appears is almost always the clock's
 * estimate, measured again, moving, and it can move back: in a sync run a page saw 4.3 ms,
 * pulsed, and 250 ms after the pulse saw -4.3 ms and pulsed back, the element steady on the
 * real clock throughout (two rate changes that can each cost a frame, for nothing). Held
 * for a second, such a swing is never answered; an estimate that stays moved is followed a
 * second later, which nobody sees at 4-10 ms.
 */
export const SMALL_ERROR_HOLD_MS = 1_000;

/**
 * In steady play an error is corrected only once readings in a row agree on it: two for a
 * large one, or for what a start or a pulse left (no reading inside the band since); a
 * second of them for a small one that appeared after the element was seen on the room's
 * frame (see `SMALL_ERROR_HOLD_MS`). A single reading can be off by a few milliseconds
 * (measured in three Chromium pages: one reading of -5.4 ms between readings of -1.1 and
 * -0.9), and a pulse for such an outlier is undone by the next one: a swing back and
 * forth that fixes nothing, each half a rate change that can stutter. The smallest of the
 * agreeing errors is corrected.
 */
export class AgreeingReadings {
  private last: { at: number; error: number } | undefined;
  /** The readings in a row outside the band on one side: since when, and their smallest. */
  private streak: { since: number; smallest: number } | undefined;
  /** A reading inside the band since the last reset: a new small error is held. */
  private seenInside = false;

  /** Forgets the readings before (a pulse or a start changed the element since). */
  reset(): void {
    this.last = undefined;
    this.streak = undefined;
    this.seenInside = false;
  }

  /** The error (seconds) to correct now, or undefined while the readings do not agree on one. */
  agreed(at: number, error: number, deadBand: number): number | undefined {
    const last = this.last;
    this.last = { at, error };
    const outside = Math.abs(error) > deadBand;
    const continues =
      last !== undefined &&
      at - last.at <= MAX_GAP_MS &&
      Math.abs(last.error) > deadBand &&
      Math.sign(error) === Math.sign(last.error);
    if (!outside) {
      this.streak = undefined;
      this.seenInside = true;
      return undefined;
    }
    if (!continues || !this.streak) {
      this.streak = { since: at, smallest: error };
      return undefined;
    }
    if (Math.abs(error) < Math.abs(this.streak.smallest)) this.streak.smallest = error;
    const { since, smallest } = this.streak;
    const held = this.seenInside && Math.abs(smallest) <= SMALL_ERROR;
    if (!held || at - since >= SMALL_ERROR_HOLD_MS) return smallest;
    return undefined;
  }
}
