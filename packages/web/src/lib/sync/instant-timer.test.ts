import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserTimers as timers, InstantTimer } from './instant-timer';

describe('InstantTimer', () => {
  let offset = 0;
  const serverNow = () => Date.now() + offset;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000 });
    offset = 50_000;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the callback at the instant of the given clock', () => {
    const timer = new InstantTimer(serverNow, timers, 0);
    const fired: number[] = [];
    timer.at(51_500, () => fired.push(serverNow()));
    expect(timer.pendingAt).toBe(51_500);
    vi.advanceTimersByTime(499);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([51_500]);
    expect(timer.pendingAt).toBeUndefined();
  });

  it('runs at once for an instant already past, and a new aim replaces the old', () => {
    const timer = new InstantTimer(serverNow, timers, 0);
    const fired: string[] = [];
    timer.at(50_000, () => fired.push('past'));
    expect(fired).toEqual(['past']);
    timer.at(51_500, () => fired.push('first'));
    timer.at(51_700, () => fired.push('second'));
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['past', 'second']);
  });

  it('sleeps again when the clock estimate moved back while it slept', () => {
    const timer = new InstantTimer(serverNow, timers, 0);
    const fired: number[] = [];
    timer.at(52_000, () => fired.push(serverNow()));
    vi.advanceTimersByTime(500);
    offset -= 200; // a clock re-sync: the server's time is 200 ms earlier than we thought
    vi.advanceTimersByTime(500);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual([52_000]);
  });

  it('can be cancelled', () => {
    const timer = new InstantTimer(serverNow, timers, 0);
    const callback = vi.fn();
    timer.at(51_100, callback);
    timer.cancel();
    vi.advanceTimersByTime(1_000);
    expect(callback).not.toHaveBeenCalled();
  });
});
