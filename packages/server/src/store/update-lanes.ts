/** A queued update: run by its batch, which settles it; `reject` if the batch fails. */
export interface LaneStep {
  reject(error: unknown): void;
}

/**
 * One lane per key (a room): its updates run one batch at a time, and every update that
 * arrived while a batch ran goes into the next batch together (group commit), at most
 * `maxBatch` at once. A crowd joining one room thus costs one read and one write per
 * batch instead of one per person, and writers of one process never race each other.
 * `runBatch` settles each step of its batch; a batch that throws rejects them all.
 */
export class UpdateLanes<S extends LaneStep> {
  private readonly lanes = new Map<string, S[]>();

  constructor(
    private readonly runBatch: (key: string, steps: readonly S[]) => Promise<void>,
    private readonly maxBatch = 64,
  ) {}

  push(key: string, step: S): void {
    const waiting = this.lanes.get(key);
    if (waiting) {
      waiting.push(step);
      return;
    }
    this.lanes.set(key, [step]);
    void this.drain(key);
  }

  /** Runs the lane's batches until it is empty, then removes it. */
  private async drain(key: string): Promise<void> {
    for (;;) {
      const waiting = this.lanes.get(key);
      if (!waiting || waiting.length === 0) {
        this.lanes.delete(key);
        return;
      }
      // The batch stays listed while it runs (the lane exists); newcomers queue after it.
      const batch = waiting.slice(0, this.maxBatch);
      try {
        await this.runBatch(key, batch);
      } catch (error: unknown) {
        for (const step of batch) step.reject(error);
      }
      waiting.splice(0, batch.length);
    }
  }
}
