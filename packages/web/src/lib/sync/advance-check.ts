/** An element whose time moves within this fraction of its rate is running steadily. */
const ADVANCE_TOLERANCE = 0.1;
/** Two readings closer than this (ms) say nothing about the speed. */
const MIN_READING_GAP_MS = 20;

/** Whether an element runs steadily, from its time read now and at the reading before. */
export class AdvanceCheck {
  private last: { at: number; time: number } | undefined;

  /** Forgets the last reading (a start or a pulse changed the speed since). */
  reset(): void {
    this.last = undefined;
  }

  /**
   * Whether the element's time moved at its rate since the last reading (not stalled). A
   * reading too close to the last one says nothing and keeps the last as the reference.
   */
  advancing(now: number, time: number, rate: number): boolean {
    const last = this.last;
    if (last && now - last.at < MIN_READING_GAP_MS) return false;
    this.last = { at: now, time };
    if (!last) return false;
    const speed = ((time - last.time) * 1000) / (now - last.at);
    return Math.abs(speed - rate) <= ADVANCE_TOLERANCE * rate;
  }
}
