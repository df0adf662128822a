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

/**
 * Clients of protocols 1-2 (they announced a version, so they know additions) also listen
 * here for `room_roles`; the seed's client, in the same room id, never gets it.
 */
export function rolesChannelOf(roomId: string): string {
  return `${roomId}#roles`;
}

/** The extra channels of a connection of `protocolVersion` for roles: protocols 1-2 only. */
export function roleChannelsFor(roomId: string, protocolVersion: number | undefined): string[] {
  return protocolVersion !== undefined && !takesDeltas(protocolVersion)
    ? [rolesChannelOf(roomId)]
    : [];
}

export function takesDeltas(protocolVersion: number | undefined): boolean {
  return (protocolVersion ?? 0) >= DELTA_PROTOCOL_VERSION;
}

/** The channel a connection of `protocolVersion` listens to for `roomId`'s changes. */
export function roomChannelFor(roomId: string, protocolVersion: number | undefined): string {
  return takesDeltas(protocolVersion) ? deltaChannelOf(roomId) : seedChannelOf(roomId);
}
