import type { LoopMode } from '@wt/protocol';
import { neighbourIndex, type Direction } from './neighbour';

/**
 * Next and previous clip for the room (the buttons, a swipe, the N key): the same
 * `change_video` a queue row sends, with a word over the clip so a swipe is seen to
 * have done something, or why it did nothing (an end of the queue).
 */
export function useQueueSteps({
  length,
  index,
  loop,
  disabled,
  playIndex,
  hint,
}: {
  length: number;
  index: number;
  loop: LoopMode;
  disabled: boolean;
  playIndex: (index: number) => void;
  hint: (text: string) => void;
}) {
  const action = (direction: Direction) => {
    const target = neighbourIndex(length, index, direction, loop);
    return disabled || target === undefined
      ? undefined
      : () => {
          playIndex(target);
        };
  };
  const onPrevious = action('previous');
  const onNext = action('next');
  const step = (direction: Direction) => {
    const go = direction === 'next' ? onNext : onPrevious;
    if (go) {
      hint(direction === 'next' ? 'Next clip ↑' : 'Previous clip ↓');
      go();
    } else if (!disabled) {
      hint(direction === 'next' ? 'That’s the last clip' : 'That’s the first clip');
    }
  };
  return { onPrevious, onNext, step };
}
