import { isValidRoomId } from '@wt/protocol';
import { cryptoRandomInt, pick, type RandomInt } from './random';
import { ADJECTIVES, ANIMALS } from './words';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 62^17 is about 2^101: nobody finds a room by trying links. */
export const ROOM_SECRET_LENGTH = 17;

/**
 * A room id the app makes: a friendly start and an unguessable end, such as
 * `brave-otter-k3XgT0qLw9ZbY2mNc` (at least 96 random bits; the words add a little more).
 * People may still type a readable name of their own into the address.
 */
export function generateRoomId(random: RandomInt = cryptoRandomInt): string {
  const words = `${pick(ADJECTIVES, random)}-${pick(ANIMALS, random)}`;
  let secret = '';
  for (let i = 0; i < ROOM_SECRET_LENGTH; i++) {
    secret += SECRET_ALPHABET[random(SECRET_ALPHABET.length)] ?? 'x';
  }
  return `${words}-${secret}`;
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
