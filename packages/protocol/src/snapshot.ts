import type { RoomStateView } from './models.js';
import { playabilityOf } from './playability.js';

/**
 * The room as it was when the server sent a room's page: embedded in `/room/:roomId`'s
 * HTML so a late joiner's player can load the clip (aimed with the clock its page's
 * responses measured: `server-clock.ts`) before its socket has even connected. The
 * `room_state` of the join replaces it moments later.
 */
export type RoomSnapshot = RoomStateView;

/** The `<script type="application/json">` element that carries the snapshot. */
export const ROOM_SNAPSHOT_ELEMENT_ID = 'wt-room-snapshot';

/** Chat lines the snapshot keeps (the join's `room_state` brings the whole history). */
export const ROOM_SNAPSHOT_MESSAGES = 50;

/**
 * JSON that is safe inside a `<script>` element: nothing in it can close the element or
 * start a comment, whatever names, captions or chat lines contain.
 */
export function snapshotJson(snapshot: RoomSnapshot): string {
  return JSON.stringify(snapshot)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The `<video>` a room's page carries beside its snapshot: the browser starts loading the
 * room's clip while it parses the page, before the app's script has even arrived (a round
 * trip or two on a phone's network). The app's player adopts it as its first element.
 */
export const EARLY_MEDIA_ELEMENT_ID = 'wt-early-media';

/**
 * The early media's `src`: the room's current clip, our own MP4 path exactly as the player
 * sets it (so the player knows the load for its own and goes on with it); undefined when
 * the room shows no MP4 of ours (empty, resolving, failed, or a clip only the embed plays).
 */
export function earlyMediaSrc(
  snapshot: Pick<RoomSnapshot, 'queue' | 'currentVideoIndex'>,
): string | undefined {
  const item = snapshot.queue[snapshot.currentVideoIndex];
  if (item === undefined || item.isProcessing === true || playabilityOf(item) === 'failed') {
    return undefined;
  }
  const path = item.mp4Url;
  return path !== undefined && /^\/media\/[\w.-]+$/.test(path) ? path : undefined;
}
