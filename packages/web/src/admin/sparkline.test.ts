import type { AdminStats } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { chartsOf, latest, lifetimeHitRatio } from './series';
import { sparklinePath } from './sparkline';

function sample(at: number, over: Partial<AdminStats> = {}): AdminStats {
  return {
    at,
    uptimeSeconds: at / 1000,
    rooms: 1,
    connections: 2,
    people: 2,
    queuedClips: 3,
    roomsRead: 1,
    topRooms: [],
    resolver: {
      cacheHits: 0,
      cacheMisses: 0,
      upstreamResolves: 0,
      upstreamSeconds: 0,
      queueLength: 0,
    },
    memory: { rssBytes: 100 * 1024 * 1024, heapUsedBytes: 50 * 1024 * 1024 },
    cpuSeconds: 0,
    ...over,
  };
}

describe('operator charts', () => {
  it('derives interval rates from the counters of two samples', () => {
    const a = sample(0, {
      resolver: {
        cacheHits: 10,
        cacheMisses: 10,
        upstreamResolves: 4,
        upstreamSeconds: 2,
        queueLength: 0,
      },
      cpuSeconds: 1,
    });
    const b = sample(5_000, {
      resolver: {
        cacheHits: 13,
        cacheMisses: 11,
        upstreamResolves: 5,
        upstreamSeconds: 2.4,
        queueLength: 2,
      },
      cpuSeconds: 2,
    });
    const charts = chartsOf([a, b]);
    expect(charts.hitRatio).toEqual([undefined, 0.75]);
    expect(charts.resolveMs[1]).toBeCloseTo(400);
    expect(charts.cpuPercent[1]).toBeCloseTo(20);
    expect(charts.resolverQueue).toEqual([0, 2]);
    expect(charts.rssMb).toEqual([100, 100]);
    expect(lifetimeHitRatio(b)).toBeCloseTo(13 / 24);
    // An interval without lookups has no ratio (not 0%, not NaN).
    expect(chartsOf([b, sample(10_000, { resolver: b.resolver })]).hitRatio[1]).toBeUndefined();
    expect(latest([1, 2, undefined])).toBe(2);
  });

  it('draws a path right-aligned, scaled to the box, broken at gaps', () => {
    expect(sparklinePath([], { width: 100, height: 10 }, 5)).toBe('');
    expect(sparklinePath([0, 10], { width: 100, height: 10 }, 5)).toBe('M75.0 10.0 L100.0 0.0');
    expect(sparklinePath([5, undefined, 5], { width: 40, height: 10, max: 10 }, 3)).toBe(
      'M0.0 5.0 M40.0 5.0',
    );
  });
});
