import { describe, expect, it } from 'vitest';
import { ServerClock } from '../clock';
import { navigationTiming, pageRequestSample } from './page-clock-sample';

describe('pageRequestSample', () => {
  it('is an NTP-style sample on the page clock: request sent to first byte back', () => {
    // Local base 1_000_000; request out at +100, first byte at +250; the server, 5 s
    // ahead, stamped the page half-way: 1_000_175 + 5_000.
    const sample = pageRequestSample(
      1_005_175,
      { requestStart: 100, responseStart: 250 },
      1_000_000,
    );
    expect(sample).toEqual({ offset: 5_000, rtt: 150, receivedAt: 1_000_250 });
  });

  it('is none without a usable request (no entry, a page from a cache, bad numbers)', () => {
    expect(pageRequestSample(5_000, undefined, 0)).toBeUndefined();
    expect(pageRequestSample(5_000, { requestStart: 0, responseStart: 0 }, 0)).toBeUndefined();
    expect(pageRequestSample(5_000, { requestStart: 300, responseStart: 200 }, 0)).toBeUndefined();
    expect(pageRequestSample(Number.NaN, { requestStart: 1, responseStart: 2 }, 0)).toBeUndefined();
  });

  it('sets the clock at once, and a ping with a lower round trip replaces it', () => {
    let local = 1_000_400;
    const clock = new ServerClock({
      ping: () => Promise.resolve(undefined),
      localNow: () => local,
    });
    const sample = pageRequestSample(
      1_005_175,
      { requestStart: 100, responseStart: 250 },
      1_000_000,
    );
    if (sample) clock.addSample(sample);
    expect(clock.now()).toBe(1_005_400);
    expect(clock.rtt).toBe(150);
    local = 1_000_900;
    clock.addSample({ offset: 4_990, rtt: 60, receivedAt: local });
    expect(clock.now()).toBe(1_005_890);
    clock.addSample({ offset: 5_300, rtt: 400, receivedAt: local });
    expect(clock.rtt).toBe(60);
  });
});

describe('navigationTiming', () => {
  const perf = (entries: PerformanceEntry[]) => ({
    getEntriesByType: (type: string): PerformanceEntry[] => (type === 'navigation' ? entries : []),
  });
  const base = {
    name: 'doc',
    entryType: 'navigation',
    startTime: 0,
    duration: 0,
    toJSON: () => ({}),
  };

  it('reads the request and first-byte times of the page', () => {
    const entry = { ...base, requestStart: 12.5, responseStart: 170 };
    expect(navigationTiming(perf([entry]))).toEqual({ requestStart: 12.5, responseStart: 170 });
  });

  it('is undefined when the browser kept no entry, or one without request times', () => {
    expect(navigationTiming(perf([]))).toBeUndefined();
    expect(navigationTiming(perf([base]))).toBeUndefined();
  });
});
