import { isValidRoomId } from '@wt/protocol';
import { cryptoRandomInt, pick, type RandomInt } from './random';
import { ADJECTIVES, ANIMALS } from './words';

/** A readable room id such as `brave-otter-42` (30 x 30 x 90 = 81,000 combinations). */
export function generateRoomId(random: RandomInt = cryptoRandomInt): string {
  const number = 10 + random(90);
  return `${pick(ADJECTIVES, random)}-${pick(ANIMALS, random)}-${number}`;
}

const ROOM_PATH = /^\/room\/([^/]+)\/?$/;

/** The room id of a `/room/<id>` path, or undefined for any other (or an invalid) path. */
export function roomIdFromPath(pathname: string): string | undefined {
  const encoded = ROOM_PATH.exec(pathname)?.[1];
  if (encoded === undefined) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return isValidRoomId(id) ? id : undefined;
}

export function roomPath(roomId: string): string {
  return `/room/${encodeURIComponent(roomId)}`;
}

export function roomUrl(origin: string, roomId: string): string {
  return `${origin}${roomPath(roomId)}`;
}
