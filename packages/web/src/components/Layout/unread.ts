import type { ChatMessage } from '@wt/protocol';

/**
 * How many chat messages came in after `seenId` (the last one on screen while the chat
 * was open): people's messages only (not activity lines), and not one's own.
 */
export function countUnread(
  messages: readonly ChatMessage[],
  seenId: number | undefined,
  selfId: string | undefined,
): number {
  if (seenId === undefined) return 0;
  let count = 0;
  for (const message of messages) {
    if (message.id <= seenId || message.isSystem === true) continue;
    if (selfId !== undefined && message.userId === selfId) continue;
    count += 1;
  }
  return count;
}

/** A badge's text: "9+" past nine. */
export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}
