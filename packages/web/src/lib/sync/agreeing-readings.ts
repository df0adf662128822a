/** Two readings further apart than this (ms) are not one measurement seen twice. */
const MAX_GAP_MS = 150;

/**
 * In steady play an error is corrected only once two readings in a row agree on it. A
 * single reading can be off by a few milliseconds (measured in three Chromium pages: one
 * reading of -5.4 ms between readings of -1.1 and -0.9), and a pulse for such an outlier
 * is undone by the next one: a swing back and forth that fixes nothing, each half a rate
 * change that can stutter. The smaller of the two agreeing errors is corrected.
 */
export class AgreeingReadings {
  private last: { at: number; error: number } | undefined;

  /** Forgets the reading before (a pulse or a start changed the element since). */
  reset(): void {
    this.last = undefined;
  }

  /** The error (seconds) to correct now, or undefined while the readings do not agree on one. */
  agreed(at: number, error: number, deadBand: number): number | undefined {
    const last = this.last;
    this.last = { at, error };
    if (!last || at - last.at > MAX_GAP_MS) return undefined;
    const outside = (value: number) => Math.abs(value) > deadBand;
    if (!outside(error) || !outside(last.error) || Math.sign(error) !== Math.sign(last.error)) {
      return undefined;
    }
    return Math.sign(error) * Math.min(Math.abs(error), Math.abs(last.error));
  }
}
