import { describe, expect, it } from 'vitest';
import { countdownDisplay, nextChangeIn } from './useCountdown';

describe('countdown display', () => {
  it('counts 3, 2, 1, then says Go! on the instant and clears', () => {
    expect(countdownDisplay(10_000, 7_001)).toEqual({ visible: true, label: '3', final: false });
    expect(countdownDisplay(10_000, 9_000)).toEqual({ visible: true, label: '1', final: false });
    expect(countdownDisplay(10_000, 9_999)).toEqual({ visible: true, label: '1', final: false });
    expect(countdownDisplay(10_000, 10_000)).toEqual({ visible: true, label: 'Go!', final: true });
    expect(countdownDisplay(10_000, 10_700)).toEqual({ visible: false });
    expect(countdownDisplay(undefined, 0)).toEqual({ visible: false });
  });

  it('knows when it changes next, to the millisecond', () => {
    expect(nextChangeIn(10_000, 7_500)).toBe(500);
    expect(nextChangeIn(10_000, 9_250)).toBe(750);
    expect(nextChangeIn(10_000, 10_000)).toBe(700);
    expect(nextChangeIn(10_000, 11_000)).toBeUndefined();
  });
});
