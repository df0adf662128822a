import { isValidRoomId } from '@wt/protocol';

const KEY = 'wt.recentRooms';
const MAX = 8;

export interface RecentRoom {
  roomId: string;
  /** When this browser last opened it, ms since the epoch. */
  visitedAt: number;
}

/** Only what has the stored shape (the value may be old, edited or from another app). */
function parse(raw: string | null): RecentRoom[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return []; // Not JSON: nothing remembered.
  }
  if (!Array.isArray(value)) return [];
  const entries: unknown[] = value;
  const rooms: RecentRoom[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const roomId: unknown = 'roomId' in entry ? entry.roomId : undefined;
    const visitedAt: unknown = 'visitedAt' in entry ? entry.visitedAt : undefined;
    if (typeof roomId !== 'string' || !isValidRoomId(roomId)) continue;
    if (typeof visitedAt !== 'number' || !Number.isFinite(visitedAt)) continue;
    rooms.push({ roomId, visitedAt });
  }
  return rooms;
}

/** Storage that may be missing or throw (private mode, disabled cookies). */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The rooms this browser opened, newest first (at most 8). */
export function recentRooms(store: Storage | undefined = storage()): RecentRoom[] {
  if (!store) return [];
  try {
    return parse(store.getItem(KEY)).sort((a, b) => b.visitedAt - a.visitedAt);
  } catch {
    return []; // Storage refused: nothing remembered.
  }
}

/** The room a share from another app lands in: the one last opened here. */
export function lastRoom(store: Storage | undefined = storage()): string | undefined {
  return recentRooms(store)[0]?.roomId;
}

/** Remembers that `roomId` was opened at `now` (it moves to the front). */
export function rememberRoom(
  roomId: string,
  now: number,
  store: Storage | undefined = storage(),
): void {
  if (!store) return;
  const rooms = [
    { roomId, visitedAt: now },
    ...recentRooms(store).filter((room) => room.roomId !== roomId),
  ];
  try {
    store.setItem(KEY, JSON.stringify(rooms.slice(0, MAX)));
  } catch {
    // Not persisted (quota, private mode): the home page just won't list it.
  }
}
