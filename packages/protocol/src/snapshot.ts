import type { RoomStateView } from './models.js';

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
