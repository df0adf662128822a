import { z } from 'zod';
import { ROOM_ID_PATTERN } from './limits.js';

/**
 * Roles and controls. The person who creates a room is its host; the host may name
 * co-hosts, lock playback and queue controls to the hosts (host and co-hosts), kick or ban
 * someone, hand the role over and set a password joiners are asked for. When the host
 * leaves, the member present longest becomes host. While controls are locked, members may
 * vote to skip the clip: more than half of the people present skips it.
 */
export interface RoomRoles {
  /** The host's user id (absent only while the room is empty). */
  hostId?: string;
  coHostIds: string[];
  /** Playback and queue controls are for the host and co-hosts only. */
  locked: boolean;
  /** Joiners are asked for a password (never sent, nor its hash). */
  hasPassword: boolean;
  /** Who voted to skip the clip playing now (reset whenever the clip changes). */
  skipVotes: string[];
}

/** Why a connection was taken out of its room (`removed_from_room`). */
export const RemovalReason = { kicked: 'kicked', banned: 'banned' } as const;
export type RemovalReason = (typeof RemovalReason)[keyof typeof RemovalReason];

/** Addition: sent to every connection of a person the host kicked or banned. */
export interface RemovedFromRoom {
  roomId: string;
  reason: RemovalReason;
  /** The host's name, for "Ana removed you from the room". */
  by: string;
}

/** How many skip votes the clip has, and how many more than half of the people present is. */
export interface SkipVoteTally {
  votes: number;
  needed: number;
  skipped: boolean;
}

/** A room password: 1-128 characters, compared exactly. */
export const roomPassword = z.string().min(1, 'password is empty').max(128, 'password is too long');

const roomId = z.string().regex(ROOM_ID_PATTERN, 'roomId must be 1-64 of A-Za-z0-9_-');
const memberId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'userId must be 1-64 of A-Za-z0-9_-');

/** The inbound events of roles and controls (spread into `inboundSchemas`). */
export const roleSchemas = {
  /** Host only: makes `userId` a co-host (`coHost: true`) or a member again. */
  set_co_host: z.object({ roomId, userId: memberId, coHost: z.boolean() }),
  /** Host only: locks (or unlocks) playback and queue controls to the hosts. */
  set_locked: z.object({ roomId, locked: z.boolean() }),
  /** Host only: removes `userId` from the room; `ban` keeps them out for the room's life. */
  kick_member: z.object({ roomId, userId: memberId, ban: z.boolean().optional() }),
  /** Host only: hands the host role to `userId`. */
  transfer_host: z.object({ roomId, userId: memberId }),
  /** Host only: sets the room's password, or clears it (`null`). */
  set_password: z.object({ roomId, password: roomPassword.nullable() }),
  /** A vote to skip the clip playing now (counted while controls are locked too). */
  vote_skip: z.object({ roomId }),
} as const;

/** The acknowledgements of the role events. */
export interface RoleAckResults {
  set_co_host: { roles: RoomRoles };
  set_locked: { roles: RoomRoles };
  kick_member: { roles: RoomRoles };
  transfer_host: { roles: RoomRoles };
  set_password: { roles: RoomRoles };
  vote_skip: SkipVoteTally;
}
