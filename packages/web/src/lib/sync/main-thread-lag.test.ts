import { describe, expect, it } from 'vitest';
import { MainThreadLag, PACE_FACTOR } from './main-thread-lag';

describe('MainThreadLag', () => {
  it('paces pulses by the latest timer of the last couple of seconds, then forgets it', () => {
    const lag = new MainThreadLag();
    expect(lag.pace(100, 0)).toBe(100);
    lag.note(5, 1_000);
    expect(lag.pace(100, 1_000)).toBe(100);
    lag.note(180, 1_200);
    lag.note(40, 1_400);
    expect(lag.worst(1_500)).toBe(180);
    expect(lag.pace(100, 1_500)).toBe(PACE_FACTOR * 180);
    expect(lag.pace(500, 1_500)).toBe(500);
    // Two seconds later only the 40 ms one is remembered, then none.
    expect(lag.worst(3_300)).toBe(40);
    expect(lag.worst(3_500)).toBe(0);
  });

  it('ignores timers on time and lateness no busy thread explains (a clock that moved)', () => {
    const lag = new MainThreadLag();
    lag.note(-30, 100);
    lag.note(0, 100);
    lag.note(60_000, 100);
    expect(lag.worst(100)).toBe(0);
  });
});
