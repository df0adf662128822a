import { describe, expect, it } from 'vitest';
import { classifyStroke } from './gesture';

describe('classifyStroke', () => {
  it('reads a quick vertical move as a swipe', () => {
    expect(classifyStroke({ dx: 4, dy: -220, ms: 200 })).toBe('swipe_up');
    expect(classifyStroke({ dx: -10, dy: 180, ms: 300 })).toBe('swipe_down');
  });

  it('reads a short still press as a tap', () => {
    expect(classifyStroke({ dx: 2, dy: 3, ms: 120 })).toBe('tap');
  });

  it('ignores a long press, a short or sideways move, and a slow drag', () => {
    expect(classifyStroke({ dx: 0, dy: 0, ms: 800 })).toBeUndefined();
    expect(classifyStroke({ dx: 0, dy: -40, ms: 150 })).toBeUndefined();
    expect(classifyStroke({ dx: 200, dy: -90, ms: 200 })).toBeUndefined();
    expect(classifyStroke({ dx: 0, dy: -300, ms: 2000 })).toBeUndefined();
  });
});
