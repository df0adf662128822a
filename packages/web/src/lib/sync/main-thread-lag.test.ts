import { describe, expect, it } from 'vitest';
import { MainThreadLag, PACE_FACTOR } from './main-thread-lag';

function lagAt() {
  let now = 0;
  const lag = new MainThreadLag(() => now);
  return {
    lag,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe('MainThreadLag', () => {
  it('paces pulses by the latest timer of the last couple of seconds, then forgets it', () => {
    const { lag, at } = lagAt();
    expect(lag.pace(100)).toBe(100);
    at(1_000);
    lag.note(5);
    expect(lag.pace(100)).toBe(100);
    at(1_200);
    lag.note(180);
    at(1_400);
    lag.note(40);
    at(1_500);
    expect(lag.worst()).toBe(180);
    expect(lag.pace(100)).toBe(PACE_FACTOR * 180);
    expect(lag.pace(500)).toBe(500);
    // Two seconds later only the 40 ms one is remembered, then none.
    at(3_300);
    expect(lag.worst()).toBe(40);
    at(3_500);
    expect(lag.worst()).toBe(0);
  });

  it('ignores timers on time and lateness no busy thread explains (a clock that moved)', () => {
    const { lag } = lagAt();
    lag.note(-30);
    lag.note(0);
    lag.note(60_000);
    expect(lag.worst()).toBe(0);
  });
});
