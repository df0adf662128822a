import type { LoopMode } from '@wt/protocol';

export type Direction = 'next' | 'previous';

/**
 * The queue index a "next" or "previous" (a swipe, the N key, the buttons) asks the room
 * to play, or undefined at an end of the queue. With the whole queue looping, the ends
 * wrap around, as the room itself moves on at the end of the last clip.
 */
export function neighbourIndex(
  length: number,
  index: number,
  direction: Direction,
  loop: LoopMode,
): number | undefined {
  if (length <= 1 || index < 0 || index >= length) return undefined;
  const step = direction === 'next' ? 1 : -1;
  const target = index + step;
  if (target >= 0 && target < length) return target;
  if (loop !== 'all') return undefined;
  return (target + length) % length;
}
