import type { AdminStats } from '@wt/protocol';

/** One chart's points, oldest first; `undefined` where the interval had nothing to measure. */
export type Series = (number | undefined)[];

/** What the operator view draws, derived from the samples it polled (pure). */
export interface Charts {
  rooms: Series;
  people: Series;
  connections: Series;
  /** Cache hits over lookups in each interval, 0-1. */
  hitRatio: Series;
  /** Mean time of the resolves that went to TikTok in each interval, ms. */
  resolveMs: Series;
  resolverQueue: Series;
  queuedClips: Series;
  rssMb: Series;
  heapMb: Series;
  /** CPU time over wall time in each interval, percent of one core. */
  cpuPercent: Series;
}

const MB = 1024 * 1024;

function between(
  samples: readonly AdminStats[],
  measure: (previous: AdminStats, current: AdminStats) => number | undefined,
): Series {
  return samples.map((current, i) => {
    const previous = samples[i - 1];
    return previous ? measure(previous, current) : undefined;
  });
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator > 0 && Number.isFinite(numerator / denominator)
    ? numerator / denominator
    : undefined;
}

export function chartsOf(samples: readonly AdminStats[]): Charts {
  const each = (read: (sample: AdminStats) => number): Series => samples.map(read);
  return {
    rooms: each((s) => s.rooms),
    people: each((s) => s.people),
    connections: each((s) => s.connections),
    hitRatio: between(samples, (a, b) => {
      const hits = b.resolver.cacheHits - a.resolver.cacheHits;
      const misses = b.resolver.cacheMisses - a.resolver.cacheMisses;
      return ratio(hits, hits + misses);
    }),
    resolveMs: between(samples, (a, b) => {
      const seconds = b.resolver.upstreamSeconds - a.resolver.upstreamSeconds;
      const ms = ratio(seconds * 1000, b.resolver.upstreamResolves - a.resolver.upstreamResolves);
      return ms;
    }),
    resolverQueue: each((s) => s.resolver.queueLength),
    queuedClips: each((s) => s.queuedClips),
    rssMb: each((s) => s.memory.rssBytes / MB),
    heapMb: each((s) => s.memory.heapUsedBytes / MB),
    cpuPercent: between(samples, (a, b) =>
      ratio((b.cpuSeconds - a.cpuSeconds) * 100, (b.at - a.at) / 1000),
    ),
  };
}

/** The cache hit ratio since the process started (all lookups), 0-1. */
export function lifetimeHitRatio(sample: AdminStats): number | undefined {
  const { cacheHits, cacheMisses } = sample.resolver;
  return ratio(cacheHits, cacheHits + cacheMisses);
}

/** The last defined point of a series. */
export function latest(series: Series): number | undefined {
  for (let i = series.length - 1; i >= 0; i--) {
    const value = series[i];
    if (value !== undefined) return value;
  }
  return undefined;
}
