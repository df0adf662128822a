import { describe, expect, it } from 'vitest';
import { neighbourIndex } from './neighbour';

describe('neighbourIndex', () => {
  it('moves one step through the queue', () => {
    expect(neighbourIndex(3, 0, 'next', 'off')).toBe(1);
    expect(neighbourIndex(3, 2, 'previous', 'off')).toBe(1);
  });

  it('stops at the ends unless the whole queue loops', () => {
    expect(neighbourIndex(3, 2, 'next', 'off')).toBeUndefined();
    expect(neighbourIndex(3, 0, 'previous', 'one')).toBeUndefined();
    expect(neighbourIndex(3, 2, 'next', 'all')).toBe(0);
    expect(neighbourIndex(3, 0, 'previous', 'all')).toBe(2);
  });

  it('has nowhere to go with one clip or none', () => {
    expect(neighbourIndex(1, 0, 'next', 'all')).toBeUndefined();
    expect(neighbourIndex(0, 0, 'next', 'off')).toBeUndefined();
  });
});
