/**
 * Quick emoji reactions that float over the video. A reaction is never stored: it is
 * broadcast to the room as it is sent, carrying the clip and the clip time it was sent at,
 * so every viewer shows it when their own player reaches that frame.
 */
export const REACTION_EMOJIS = ['❤️', '😂', '😮', '🔥', '👏', '😢'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/** Reactions one connection may send: `burst` at once, refilled at `perSecond`. */
export const ReactionLimits = { perSecond: 3, burst: 5 } as const;

/** `reaction` (server to client): someone reacted at a frame of a clip. */
export interface Reaction {
  /** Unique per reaction (for rendering and de-duplication). */
  id: string;
  /** The sender's public user id (`UserInfo.id`). */
  userId: string;
  emoji: ReactionEmoji;
  /** The queue item (clip) the sender was watching. */
  itemId: number;
  /** Seconds into that clip on the sender's player. */
  clipTime: number;
  /** Server clock when the server relayed it (ms). */
  sentAt: number;
}
