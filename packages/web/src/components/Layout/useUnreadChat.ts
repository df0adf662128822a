import { useState } from 'react';
import { useRoomSelector } from '../../state/RoomContext';
import { countUnread } from './unread';

/**
 * Chat messages that arrived while the chat was out of sight. The history a page finds
 * on joining counts as read; whatever is on screen while `visible` too.
 */
export function useUnreadChat(visible: boolean): number {
  const messages = useRoomSelector((view) => view.messages);
  const loaded = useRoomSelector((view) => view.loaded);
  const selfId = useRoomSelector((view) => view.self?.id);
  const lastId = messages.at(-1)?.id ?? -1;
  const [seenId, setSeenId] = useState<number | undefined>(undefined);

  // Adjusted while rendering (React's pattern for state derived from props), not in an
  // effect: the badge never shows a stale count for a frame.
  const seen = loaded && (visible || seenId === undefined) ? lastId : seenId;
  if (seen !== seenId) setSeenId(seen);

  return countUnread(messages, seen, selfId);
}
