import { describe, expect, it } from 'vitest';
import { reactionFate, ReactionTiming } from './reaction-timing';

const reaction = { itemId: 7, clipTime: 12 };

describe('when a reaction shows on this screen', () => {
  it('shows once this player reaches the frame, at once if it passed it less than a second ago', () => {
    expect(reactionFate(reaction, { itemId: 7, time: 12 }, 0)).toBe('show');
    expect(reactionFate(reaction, { itemId: 7, time: 12.9 }, 0)).toBe('show');
    expect(reactionFate(reaction, { itemId: 7, time: 11.5 }, 0)).toBe('wait');
  });

  it('drops it when the frame is long past, the clip changed or it waited too long', () => {
    expect(reactionFate(reaction, { itemId: 7, time: 12 + ReactionTiming.lateS + 0.1 }, 0)).toBe(
      'drop',
    );
    expect(reactionFate(reaction, { itemId: 8, time: 12 }, 0)).toBe('drop');
    expect(reactionFate(reaction, undefined, 0)).toBe('drop');
    expect(reactionFate(reaction, { itemId: 7, time: 3 }, ReactionTiming.maxWaitMs)).toBe('drop');
  });
});
