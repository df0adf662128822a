import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bestSample, estimateOffset, sampleFromPing, ServerClock } from './clock';

describe('sampleFromPing', () => {
  it('takes the midpoint of the round trip as the moment the server read its clock', () => {
    // Sent at 1000, answered at 1100 (local); the server said 5050.
    expect(sampleFromPing(1000, 5050, 1100)).toEqual({ offset: 4000, rtt: 100, receivedAt: 1100 });
  });

  it('never reports a negative round trip', () => {
    expect(sampleFromPing(1000, 1000, 990).rtt).toBe(0);
  });
});

describe('bestSample', () => {
  it('keeps the lowest-delay sample, the newest on a tie', () => {
    const samples = [
      { offset: 10, rtt: 80, receivedAt: 1 },
      { offset: 20, rtt: 30, receivedAt: 2 },
      { offset: 25, rtt: 30, receivedAt: 3 },
      { offset: 90, rtt: 400, receivedAt: 4 },
    ];
    expect(bestSample(samples)?.offset).toBe(25);
    expect(bestSample([])).toBeUndefined();
  });
});

/**
 * A fake network on fake timers: the server clock runs `skew` ms ahead; ping `i` takes
 * `legs[i]` ms up and down. Pings run concurrently, as a burst sends them.
 */
function fakeNetwork(skew: number, legs: [number, number][]) {
  let call = 0;
  const ping = (clientTime: number): Promise<number> => {
    const [up, down] = legs[call++ % legs.length] ?? [0, 0];
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve(clientTime + up + skew);
      }, up + down);
    });
  };
  return { ping, localNow: () => Date.now() };
}

describe('ServerClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads 0 offset and is unsynced before any answer', () => {
    const clock = new ServerClock({ ping: () => Promise.resolve(undefined), localNow: () => 5 });
    expect(clock.synced).toBe(false);
    expect(clock.now()).toBe(5);
  });

  it('averages the offsets of the samples as fast as the fastest, within a small margin', () => {
    const samples = [
      { offset: 4, rtt: 79.1, receivedAt: 1 },
      { offset: -2, rtt: 79.6, receivedAt: 2 },
      { offset: -1, rtt: 83, receivedAt: 3 },
      // Beyond 79.1 + 5% (83.06): its offset could be further off, it does not count.
      { offset: 30, rtt: 83.1, receivedAt: 4 },
    ];
    expect(estimateOffset(samples)).toBeCloseTo(1 / 3, 9);
    // A short round trip: the margin is 2 ms.
    expect(
      estimateOffset([
        { offset: 10, rtt: 20, receivedAt: 1 },
        { offset: 12, rtt: 22, receivedAt: 2 },
        { offset: 50, rtt: 22.1, receivedAt: 3 },
      ]),
    ).toBe(11);
    expect(estimateOffset([])).toBeUndefined();
  });

  it('sends a burst at once and keeps the fastest answer', async () => {
    // Asymmetric slow pings would mislead; the symmetric 10 ms one is exact.
    const network = fakeNetwork(-3_600_000, [
      [200, 20],
      [5, 5],
      [30, 150],
      [90, 10],
      [60, 60],
    ]);
    const bursts: number[] = [];
    const clock = new ServerClock({
      ...network,
      onBurst: (best) => {
        bursts.push(best.rtt);
      },
    });
    const done = clock.sync(5, 0);
    // All five are in flight together: the burst is over after the slowest, 220 ms.
    await vi.advanceTimersByTimeAsync(10);
    expect(clock.synced).toBe(true);
    await vi.advanceTimersByTimeAsync(210);
    await done;
    expect(clock.rtt).toBe(10);
    expect(clock.offset).toBe(-3_600_000);
    expect(clock.now()).toBe(Date.now() - 3_600_000);
    expect(bursts).toEqual([10]);
  });

  it('spaces the pings of a later burst, and follows the first burst up while the page settles', async () => {
    const sent: number[] = [];
    const clock = new ServerClock({
      ping: (clientTime) => {
        sent.push(Date.now());
        return Promise.resolve(clientTime);
      },
      localNow: () => Date.now(),
      followUpMs: [1_000],
      refreshIntervalMs: 60_000,
    });
    const first = clock.start();
    await first;
    expect(sent).toEqual(Array(5).fill(1_000_000));
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent.slice(5)).toEqual([1_001_000, 1_001_025, 1_001_050]);
    clock.stop();
  });

  it('skips failed pings', async () => {
    let n = 0;
    const clock = new ServerClock({
      ping: (clientTime) => {
        n++;
        if (n === 1) return Promise.reject(new Error('lost'));
        if (n === 2) return Promise.resolve(undefined);
        return Promise.resolve(clientTime + 500);
      },
      localNow: () => 1_000,
    });
    await clock.sync(3, 0);
    expect(clock.offset).toBe(500);
  });

  it('forgets samples beyond its window, so it follows a drifting clock', () => {
    const clock = new ServerClock({ ping: () => Promise.resolve(undefined), windowSize: 2 });
    clock.addSample({ offset: 1, rtt: 1, receivedAt: 1 });
    clock.addSample({ offset: 2, rtt: 50, receivedAt: 2 });
    expect(clock.offset).toBe(1);
    clock.addSample({ offset: 3, rtt: 40, receivedAt: 3 });
    expect(clock.offset).toBe(3);
  });

  it('joins a burst already running instead of starting a second one', async () => {
    let pings = 0;
    const clock = new ServerClock({
      ping: (clientTime) => {
        pings++;
        return Promise.resolve(clientTime);
      },
    });
    await Promise.all([clock.sync(2, 0), clock.sync(2, 0)]);
    expect(pings).toBe(2);
  });
});
