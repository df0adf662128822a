import { ErrorCode } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { rolesView, rolesWithout } from './roles.js';
import { usersOf } from './state.js';
import type { ApplyResult, Effect, Member, RolesState, RoomState } from './types.js';

/** The acting member, when they are the host; a refusal otherwise. */
function asHost(state: RoomState, userId: string): Member | ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.roles.hostId !== userId) return fail(ErrorCode.FORBIDDEN, 'Only the host can do that.');
  return member;
}

/** Another member the host acts on (never the host themself). */
function targetOf(state: RoomState, hostId: string, targetId: string): Member | ApplyResult {
  if (targetId === hostId) return fail(ErrorCode.FORBIDDEN, 'You cannot do that to yourself.');
  return findMember(state, targetId) ?? fail(ErrorCode.NOT_IN_ROOM, 'That person is not here.');
}

function isMember(value: Member | ApplyResult): value is Member {
  return 'joinedAt' in value;
}

/** New roles with a system line saying what the host did; no line when nothing changed. */
function changed(
  state: RoomState,
  roles: RolesState,
  text: string,
  now: number,
  extra: Effect[] = [],
): ApplyResult {
  if (JSON.stringify(roles) === JSON.stringify(state.roles)) {
    return ok(state, [], { type: 'roles', roles: rolesView(state) });
  }
  const [next, line] = systemLine({ ...state, roles, lastActivity: now }, text, now);
  return ok(next, [line, ...extra], { type: 'roles', roles: rolesView(next) });
}

export function setCoHost(
  state: RoomState,
  userId: string,
  targetId: string,
  coHost: boolean,
  now: number,
): ApplyResult {
  const host = asHost(state, userId);
  if (!isMember(host)) return host;
  const target = targetOf(state, userId, targetId);
  if (!isMember(target)) return target;
  const others = state.roles.coHostIds.filter((id) => id !== targetId);
  const roles = { ...state.roles, coHostIds: coHost ? [...others, targetId] : others };
  const text = coHost
    ? `${host.name} made ${target.name} a co-host`
    : `${host.name} made ${target.name} a member again`;
  return changed(state, roles, text, now);
}

export function setLocked(
  state: RoomState,
  userId: string,
  locked: boolean,
  now: number,
): ApplyResult {
  const host = asHost(state, userId);
  if (!isMember(host)) return host;
  const text = locked
    ? `${host.name} locked the controls to the hosts`
    : `${host.name} unlocked the controls`;
  return changed(state, { ...state.roles, locked }, text, now);
}

export function transferHost(
  state: RoomState,
  userId: string,
  targetId: string,
  now: number,
): ApplyResult {
  const host = asHost(state, userId);
  if (!isMember(host)) return host;
  const target = targetOf(state, userId, targetId);
  if (!isMember(target)) return target;
  const roles: RolesState = {
    ...state.roles,
    hostId: targetId,
    coHostIds: state.roles.coHostIds.filter((id) => id !== targetId),
  };
  return changed(state, roles, `${host.name} made ${target.name} the host`, now);
}

export function setPassword(
  state: RoomState,
  userId: string,
  passwordHash: string | undefined,
  now: number,
): ApplyResult {
  const host = asHost(state, userId);
  if (!isMember(host)) return host;
  const { passwordHash: _old, ...rest } = state.roles;
  const roles: RolesState = passwordHash === undefined ? rest : { ...rest, passwordHash };
  const text =
    passwordHash === undefined
      ? `${host.name} removed the room password`
      : `${host.name} set a room password`;
  return changed(state, roles, text, now);
}

/** Kick (may come back) or ban (kept out for the room's life, by user id). */
export function kick(
  state: RoomState,
  userId: string,
  targetId: string,
  ban: boolean,
  now: number,
): ApplyResult {
  const host = asHost(state, userId);
  if (!isMember(host)) return host;
  const target = targetOf(state, userId, targetId);
  if (!isMember(target)) return target;
  const members = state.members.filter((m) => m.id !== targetId);
  const without = rolesWithout(state.roles, targetId, members);
  const roles = ban
    ? { ...without, bannedIds: [...without.bannedIds.filter((id) => id !== targetId), targetId] }
    : without;
  const text = `${host.name} ${ban ? 'banned' : 'removed'} ${target.name}`;
  const [next, line] = systemLine({ ...state, members, roles, lastActivity: now }, text, now);
  const users: Effect = {
    type: 'room_users',
    users: usersOf(next),
    change: { kind: 'member_left', userId: targetId },
  };
  return ok(next, [line, users], {
    type: 'removed',
    roles: rolesView(next),
    userId: targetId,
    by: host.name,
  });
}
