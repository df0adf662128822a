import { describe, expect, it } from 'vitest';
import { ServerClock } from './clock';
import { improvingOnly, responseSample, type TimedResponse } from './response-clock';

/** A script fetched fresh: out at +100, first byte at +250, stamped by a server 5 s ahead. */
const fresh: TimedResponse = {
  requestStart: 100,
  responseStart: 250,
  transferSize: 12_000,
  workerStart: 0,
  serverTiming: [{ name: 'clock', description: '1005175.0' }],
};

describe('responseSample', () => {
  it('is an NTP-style sample on the page clock: request out to first byte back', () => {
    expect(responseSample(fresh, 1_000_000)).toEqual({
      offset: 5_000,
      rtt: 150,
      receivedAt: 1_000_250,
    });
  });

  it('is none for a response from a cache, a service worker, unstamped or untimed', () => {
    const none = [
      { ...fresh, transferSize: 0 },
      { ...fresh, workerStart: 40 },
      { ...fresh, serverTiming: [] },
      { ...fresh, serverTiming: [{ name: 'db', description: '1005175.0' }] },
      { ...fresh, serverTiming: [{ name: 'clock', description: 'soon' }] },
      { ...fresh, requestStart: 0 },
      { ...fresh, responseStart: 90 },
    ];
    for (const entry of none) expect(responseSample(entry, 1_000_000)).toBeUndefined();
  });

  it('the clock keeps the response with the lowest round trip', () => {
    const clock = new ServerClock({
      ping: () => Promise.resolve(undefined),
      localNow: () => 1_000_400,
    });
    // A new connection's first request pays its handshake too: a long, lopsided trip.
    const throughHandshake = responseSample(
      { ...fresh, responseStart: 400, serverTiming: [{ name: 'clock', description: '1005325.0' }] },
      1_000_000,
    );
    const warm = responseSample(fresh, 1_000_000);
    for (const sample of [throughHandshake, warm]) if (sample) clock.addSample(sample);
    expect(clock.rtt).toBe(150);
    expect(clock.offset).toBe(5_000);
  });
});

describe('improvingOnly', () => {
  it('passes on a sample only when its round trip beats every one before', () => {
    const passed: number[] = [];
    const pass = improvingOnly((sample) => passed.push(sample.rtt));
    for (const rtt of [300, 155, 310, 163, 155, 150, 400]) {
      pass({ offset: 0, rtt, receivedAt: 0 });
    }
    expect(passed).toEqual([300, 155, 150]);
  });
});
