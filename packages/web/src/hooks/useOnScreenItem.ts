import { useEffect, useReducer } from 'react';
import { effectivePlayback, itemOf } from '../lib/playback-sync';
import { useRoomClient, useRoomSelector } from '../state/RoomContext';

/**
 * The queue entry on screen (see `effectivePlayback`): it becomes the announced next
 * clip at `next.startsAt` by itself, the moment the picture switches, not when the
 * server's confirmation arrives a network delay later.
 */
export function useOnScreenItem(): { itemId: number | undefined; index: number } {
  const client = useRoomClient();
  const queue = useRoomSelector((view) => view.queue);
  const index = useRoomSelector((view) => view.currentVideoIndex);
  const player = useRoomSelector((view) => view.player);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const playback = player ? effectivePlayback(player, client.clock.now()) : undefined;
  const switchAt = playback?.next?.startsAt;

  useEffect(() => {
    if (switchAt === undefined) return;
    const timer = setTimeout(redraw, Math.max(0, switchAt - client.clock.now()) + 1);
    return () => {
      clearTimeout(timer);
    };
  }, [switchAt, client]);

  const current = itemOf(queue, playback?.itemId, index);
  return { itemId: current.item?.id, index: current.index };
}
