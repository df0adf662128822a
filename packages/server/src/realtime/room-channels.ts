import { DELTA_PROTOCOL_VERSION } from '@wt/protocol';

/**
 * The Socket.io rooms a room's connections are in, by what they understand. Clients of
 * the seed's events (and protocols 1-2) are in the room id itself, as in the seed, and
 * get whole lists; protocol 3 clients are in `<roomId>#delta` and get `room_delta`.
 */
export function seedChannelOf(roomId: string): string {
  return roomId;
}

export function deltaChannelOf(roomId: string): string {
  return `${roomId}#delta`;
}

export function takesDeltas(protocolVersion: number | undefined): boolean {
  return (protocolVersion ?? 0) >= DELTA_PROTOCOL_VERSION;
}

/** The channel a connection of `protocolVersion` listens to for `roomId`'s changes. */
export function roomChannelFor(roomId: string, protocolVersion: number | undefined): string {
  return takesDeltas(protocolVersion) ? deltaChannelOf(roomId) : seedChannelOf(roomId);
}
