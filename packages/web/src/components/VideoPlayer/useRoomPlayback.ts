import { useTicker } from '../../hooks/useTicker';
import { effectivePlayback, itemOf, type DurationOf } from '../../lib/playback-sync';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';

/** How often the moving parts of the player (position, progress) are redrawn. */
const REDRAW_MS = 250;

/**
 * The room's playback as this screen must show it now: the clip on screen (after an
 * announced switch, the next one, before the server confirms it), its position and
 * length. The same function the sync engine steers by, so the title, the progress bar
 * and the picture always agree.
 */
export function useRoomPlayback(durationOf: DurationOf) {
  const client = useRoomClient();
  const queue = useRoomSelector((view) => view.queue);
  const index = useRoomSelector((view) => view.currentVideoIndex);
  const player = useRoomSelector((view) => view.player);
  const playback = player ? effectivePlayback(player, client.clock.now(), durationOf) : undefined;
  useTicker(REDRAW_MS, playback?.playing === true || playback?.scheduled === true);
  const current = itemOf(queue, playback?.itemId, index);
  return { queue, player, playback, item: current.item, index: current.index };
}
