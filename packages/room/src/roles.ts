import { ErrorCode, type RoomRoles } from '@wt/protocol';
import type { Member, RoomState, RolesState } from './types.js';
import { currentItem } from './timeline.js';

/** A new room's roles: nobody is host until the first person joins. */
export function createRoles(): RolesState {
  return { coHostIds: [], locked: false, bannedIds: [] };
}

/** What clients see of the roles: never the password's hash, never the ban list. */
export function rolesView(state: RoomState): RoomRoles {
  const { roles } = state;
  const item = currentItem(state);
  const votes = roles.skipVotes;
  const view: RoomRoles = {
    coHostIds: roles.coHostIds,
    locked: roles.locked,
    hasPassword: roles.passwordHash !== undefined,
    skipVotes: votes && item && votes.itemId === item.id ? votes.userIds : [],
  };
  if (roles.hostId !== undefined) view.hostId = roles.hostId;
  return view;
}

export function sameRoles(a: RoomRoles, b: RoomRoles): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isHost(state: RoomState, userId: string): boolean {
  return state.roles.hostId === userId;
}

/** The host or a co-host: may use the controls while they are locked. */
export function isHostOrCoHost(state: RoomState, userId: string): boolean {
  return isHost(state, userId) || state.roles.coHostIds.includes(userId);
}

/** The member present longest (earliest `joinedAt`; the earlier joiner on a tie). */
export function longestPresent(members: readonly Member[]): Member | undefined {
  let best: Member | undefined;
  for (const member of members) {
    if (!best || member.joinedAt < best.joinedAt) best = member;
  }
  return best;
}

/**
 * The roles once `userId` is gone (left, kicked or banned): no longer a co-host, their
 * skip vote withdrawn, and if they were host, the longest-present of `remaining` is.
 */
export function rolesWithout(
  roles: RolesState,
  userId: string,
  remaining: readonly Member[],
): RolesState {
  const next: RolesState = {
    ...roles,
    coHostIds: roles.coHostIds.filter((id) => id !== userId),
  };
  if (roles.skipVotes) {
    next.skipVotes = {
      itemId: roles.skipVotes.itemId,
      userIds: roles.skipVotes.userIds.filter((id) => id !== userId),
    };
  }
  if (roles.hostId === userId) {
    const heir = longestPresent(remaining);
    if (heir) {
      next.hostId = heir.id;
      next.coHostIds = next.coHostIds.filter((id) => id !== heir.id);
    } else {
      delete next.hostId;
    }
  }
  return next;
}

/**
 * Whether a newcomer may enter: not banned, and with the password when there is one
 * (`matchedHash` is the stored hash the edge found the given password to match).
 */
export function admissionRefusal(
  roles: RolesState,
  userId: string,
  access: { passwordGiven: boolean; matchedHash?: string } | undefined,
): { code: ErrorCode; message: string } | undefined {
  if (roles.bannedIds.includes(userId)) {
    return { code: ErrorCode.BANNED, message: 'The host removed you from this room.' };
  }
  if (roles.passwordHash === undefined) return undefined;
  if (access?.passwordGiven !== true) {
    return { code: ErrorCode.PASSWORD_REQUIRED, message: 'This room has a password.' };
  }
  if (access.matchedHash !== roles.passwordHash) {
    return { code: ErrorCode.WRONG_PASSWORD, message: 'That password is not right.' };
  }
  return undefined;
}
