import { generateRoomId, roomIdFromPath, roomPath } from './room-id';

/** What a page's address asks for (see `routeOf`). */
export type PageRoute =
  | { kind: 'home' }
  | { kind: 'room'; roomId: string }
  /** `/new`: a fresh room (the direct "new room" link; `/` was this before the home page). */
  | { kind: 'new' }
  /** `/share?title&text&url`: the PWA's Web Share Target. */
  | { kind: 'share'; params: URLSearchParams }
  /** `/room/<anything that is not a room id>`. */
  | { kind: 'bad-link' };

/** The route of a path and query; pure. */
export function routeOf(pathname: string, search: string): PageRoute {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  if (pathname === '/new' || pathname === '/new/') return { kind: 'new' };
  if (pathname === '/share' || pathname === '/share/') {
    return { kind: 'share', params: new URLSearchParams(search) };
  }
  const roomId = roomIdFromPath(pathname);
  if (roomId !== undefined) return { kind: 'room', roomId };
  return { kind: 'bad-link' };
}

/**
 * Moves the address bar to `roomId`'s `/room/<id>` link, keeping the hash (a share's
 * query is consumed, so it is dropped: a reload must not add the clip again).
 */
export function showRoomInAddressBar(
  roomId: string,
  location: Location,
  history: History,
  keepSearch: boolean,
): void {
  const search = keepSearch ? location.search : '';
  history.replaceState(history.state, '', `${roomPath(roomId)}${search}${location.hash}`);
}

/** A fresh room id: friendly words and an unguessable end (`generateRoomId`). */
export const freshRoomId = (): string => generateRoomId();
