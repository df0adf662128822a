import { z } from 'zod';

/** Bucket width, ms, and the largest latency kept apart (beyond it: the last bucket). */
const STEP_MS = 0.1;
const BUCKETS = 100_001;

/** Latencies as counts per 0.1 ms up to 10 s: cheap to fill, to send and to merge. */
export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;

  add(ms: number): void {
    const index = Math.min(BUCKETS - 1, Math.max(0, Math.round(ms / STEP_MS)));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.count++;
  }

  /** Non-empty buckets as `[index, count]` pairs. */
  toSparse(): SparseHistogram {
    const pairs: SparseHistogram = [];
    this.counts.forEach((count, index) => {
      if (count > 0) pairs.push([index, count]);
    });
    return pairs;
  }

  merge(sparse: SparseHistogram): void {
    for (const [index, count] of sparse) {
      if (index < 0 || index >= BUCKETS) throw new Error(`bucket ${index} out of range`);
      this.counts[index] = (this.counts[index] ?? 0) + count;
      this.count += count;
    }
  }

  /** The `p`-th percentile (0-100), ms; undefined when empty. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index] ?? 0;
      if (seen >= rank) return index * STEP_MS;
    }
    return (BUCKETS - 1) * STEP_MS;
  }
}

export const sparseHistogram = z.array(z.tuple([z.number().int(), z.number().int().positive()]));
export type SparseHistogram = z.infer<typeof sparseHistogram>;
