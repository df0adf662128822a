import { generateRoomId, roomIdFromPath, roomPath } from './room-id';

/**
 * The room this page is for: `/room/<id>` joins that room; anything else (`/`) gets
 * a fresh readable id and the address bar is rewritten to its `/room/<id>` link.
 */
export function roomFromLocation(location: Location, history: History): string {
  const existing = roomIdFromPath(location.pathname);
  if (existing !== undefined) return existing;
  const roomId = generateRoomId();
  history.replaceState(history.state, '', `${roomPath(roomId)}${location.search}${location.hash}`);
  return roomId;
}
