import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BurstWindow } from './burst-window.js';

describe('BurstWindow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first item at once and a burst after it together, per key', () => {
    const sent: [string, number[]][] = [];
    const window = new BurstWindow<number>(50, (key, items) => sent.push([key, [...items]]));
    window.add('a', 1);
    window.add('a', 2);
    window.add('a', 3);
    window.add('b', 9);
    expect(sent).toEqual([
      ['a', [1]],
      ['b', [9]],
    ]);
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual(['a', [2, 3]]);
    // The window after a burst holds what comes next; a quiet one ends the holding.
    window.add('a', 4);
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual(['a', [4]]);
    vi.advanceTimersByTime(100);
    window.add('a', 5);
    expect(sent.at(-1)).toEqual(['a', [5]]);
    window.close();
  });

  it('holds nothing after an item added without holding', () => {
    const sent: number[][] = [];
    const window = new BurstWindow<number>(50, (_key, items) => sent.push([...items]));
    window.add('a', 1, false);
    window.add('a', 2, false);
    expect(sent).toEqual([[1], [2]]);
  });

  it('opens a window of the length the first item of a quiet moment asks for', () => {
    const sent: number[][] = [];
    const window = new BurstWindow<number>(50, (_key, items) => sent.push([...items]));
    window.add('a', 1, 200);
    window.add('a', 2, 200);
    vi.advanceTimersByTime(150);
    expect(sent).toEqual([[1]]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([[1], [2]]);
    // The window after the burst is as long.
    window.add('a', 3);
    vi.advanceTimersByTime(150);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual([3]);
    window.close();
  });
});
