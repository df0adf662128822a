import type { ReactionEmoji } from '@wt/protocol';

/** What a screen reader says for each reaction. */
export const REACTION_NAMES: Record<ReactionEmoji, string> = {
  '❤️': 'love',
  '😂': 'laughing',
  '😮': 'wow',
  '🔥': 'fire',
  '👏': 'applause',
  '😢': 'sad',
};
