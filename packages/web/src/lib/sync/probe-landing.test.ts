import { describe, expect, it } from 'vitest';
import { landingOf } from './probe-landing';

describe('landingOf', () => {
  it('is the median of readings that agree, two late readings in a row left out', () => {
    // Read headless: most within 0.15 ms, a pair 1 ms off (a late callback of the output).
    expect(landingOf([5364.97, 5366.0, 5365.13, 5364.97, 5366.05, 5365.02])).toBe(5365.13);
  });

  it('is undefined for readings of an element that was not running steadily', () => {
    expect(landingOf([100, 100.9, 101.8, 102.7, 103.6, 104.5])).toBeUndefined();
  });
});
