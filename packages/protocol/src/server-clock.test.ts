import { describe, expect, it } from 'vitest';
import { parseServerClock, serverClockTiming } from './server-clock.js';

describe('the server clock in Server-Timing', () => {
  it('writes the time with a tenth of a millisecond and reads it back', () => {
    const header = serverClockTiming(1796079195159.54);
    expect(header).toBe('clock;desc="1796079195159.5"');
    const description = /desc="([^"]*)"/.exec(header)?.[1] ?? '';
    expect(parseServerClock(description)).toBe(1796079195159.5);
  });

  it('reads nothing from a description that is not a time', () => {
    for (const text of ['', 'abc', '-5', '1e12', '12.5.6', 'Infinity', '1796079195159.5 ']) {
      expect(parseServerClock(text)).toBeUndefined();
    }
  });
});
