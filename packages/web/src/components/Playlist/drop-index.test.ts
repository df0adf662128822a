import { describe, expect, it } from 'vitest';
import { dropIndex, shiftOf } from './drop-index';

// Four rows, 60 px each, 4 px apart.
const rows = [0, 64, 128, 192].map((top) => ({ top, height: 60 }));

describe('dropIndex', () => {
  it.each([
    ['not moved', 1, 0, 1],
    ['a little, not past a middle', 1, 20, 1],
    ['down past the next middle', 1, 70, 2],
    ['down to the end', 0, 500, 3],
    ['up past the previous middle', 2, -70, 1],
    ['up to the top', 3, -500, 0],
  ])('%s', (_label, from, dy, expected) => {
    expect(dropIndex(rows, from, dy)).toBe(expected);
  });
});

describe('shiftOf', () => {
  it('rows between make room: up when dragging down, down when dragging up', () => {
    expect([0, 1, 2, 3].map((i) => shiftOf(i, 0, 2, 64))).toEqual([0, -64, -64, 0]);
    expect([0, 1, 2, 3].map((i) => shiftOf(i, 3, 1, 64))).toEqual([0, 64, 64, 0]);
  });
});
