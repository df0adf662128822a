import { effectivePlayback } from '../../lib/playback-sync';
import type { RoomClient } from '../../state/room-client';
import type { PagePlayer } from '../VideoPlayer/page-player';
import type { ClipPosition } from './reaction-timing';

/**
 * Where this screen's player is now: the clip on screen (the same function the player
 * steers by) and, when our `<video>` plays it, that element's own `currentTime` (the frame
 * people see); for the TikTok embed, the room's position on our clock.
 */
export function clipPositionOf(client: RoomClient, player: PagePlayer): ClipPosition | undefined {
  const { player: state } = client.getSnapshot();
  if (!state) return undefined;
  const playback = effectivePlayback(state, client.clock.now(), player.engine.durationOf);
  if (playback.itemId === undefined) return undefined;
  const engine = player.engine.getSnapshot();
  const element = player.elements[engine.shown];
  if (engine.status !== undefined && element && element.readyState > 0) {
    return { itemId: playback.itemId, time: element.currentTime };
  }
  return { itemId: playback.itemId, time: playback.position };
}
