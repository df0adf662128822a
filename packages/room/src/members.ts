import { ErrorCode, Limits, type Activity, type ChatMessage } from '@wt/protocol';
import { fail, ok } from './result.js';
import { distinctName } from './names.js';
import { admissionRefusal, rolesWithout } from './roles.js';
import { usersOf } from './state.js';
import type { ApplyResult, Command, Effect, Member, RoomState } from './types.js';

/**
 * Joins and leaves are chat lines while the room has at most this many people. Past it
 * the people list shows who comes and goes: a crowd arriving would otherwise fill the
 * history (its last `Limits.chatHistory` lines) with "joined" and push the conversation
 * out, and every one of those lines would travel to everyone.
 */
export const PRESENCE_LINES_UP_TO = 50;

/** The state with a presence line (joined, left) when the room is small enough for one. */
function presenceLine(
  state: RoomState,
  text: string,
  now: number,
  people: number,
): [RoomState, Effect[]] {
  if (people > PRESENCE_LINES_UP_TO) return [state, []];
  const [next, announce] = systemLine(state, text, now);
  return [next, [announce]];
}

export function findMember(state: RoomState, userId: string): Member | undefined {
  return state.members.find((member) => member.id === userId);
}

/**
 * Appends a system line to the history and returns the effect that announces it; with
 * `activity`, it is an activity line (who did what, see `activity.ts`).
 */
export function systemLine(
  state: RoomState,
  text: string,
  now: number,
  activity?: Activity,
): [RoomState, Effect] {
  const message: ChatMessage = {
    id: state.nextMessageId,
    user: 'system',
    text,
    timestamp: new Date(now).toISOString(),
    isSystem: true,
    ...(activity ? { activity } : {}),
  };
  const next: RoomState = {
    ...state,
    nextMessageId: state.nextMessageId + 1,
    messages: [...state.messages, message].slice(-Limits.chatHistory),
  };
  return [
    next,
    {
      type: 'system_message',
      message: {
        id: message.id,
        text,
        timestamp: message.timestamp,
        ...(activity ? { activity } : {}),
      },
    },
  ];
}

/**
 * Someone is here: a new member, or one already here (another tab) under this name. A
 * newcomer must not be banned and must bring the password when the room has one; the
 * first one in an empty room becomes its host.
 */
export function join(
  state: RoomState,
  command: Extract<Command, { type: 'join' }>,
  now: number,
): ApplyResult {
  const { userId, name: asked, maxMembers = Number.POSITIVE_INFINITY } = command;
  const name = distinctName(state.members, userId, asked);
  const existing = findMember(state, userId);
  if (existing) {
    if (existing.name === name) return ok(state, [], { type: 'user', user: { id: userId, name } });
    const members = state.members.map((member) =>
      member.id === userId ? { ...member, name } : member,
    );
    const next = { ...state, members, lastActivity: now };
    const effects: Effect[] = [
      {
        type: 'room_users',
        users: usersOf(next),
        change: { kind: 'member_renamed', user: { id: userId, name } },
      },
    ];
    return ok(next, effects, { type: 'user', user: { id: userId, name } });
  }
  const refused = admissionRefusal(state.roles, userId, command.access);
  if (refused) return fail(refused.code, refused.message);
  if (state.members.length >= maxMembers) {
    return fail(ErrorCode.ROOM_FULL, 'This room is full.');
  }
  const hosted = state.members.some((m) => m.id === state.roles.hostId);
  const withMember: RoomState = {
    ...state,
    lastActivity: now,
    members: [...state.members, { id: userId, name, joinedAt: now }],
    roles: hosted ? state.roles : { ...state.roles, hostId: userId },
  };
  const [next, announce] = presenceLine(
    withMember,
    `${name} joined`,
    now,
    withMember.members.length,
  );
  const change = { kind: 'member_joined', user: { id: userId, name } } as const;
  return ok(next, [...announce, { type: 'room_users', users: usersOf(next), change }], {
    type: 'user',
    user: { id: userId, name },
  });
}

/** Someone's last connection is gone: they leave. */
export function leave(state: RoomState, userId: string, now: number): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return ok(state);
  const members = state.members.filter((m) => m.id !== userId);
  const without: RoomState = {
    ...state,
    lastActivity: now,
    members,
    roles: rolesWithout(state.roles, userId, members),
  };
  const [next, announce] = presenceLine(without, `${member.name} left`, now, state.members.length);
  const change = { kind: 'member_left', userId } as const;
  return ok(next, [...announce, { type: 'room_users', users: usersOf(next), change }]);
}

export function rename(state: RoomState, userId: string, asked: string, now: number): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const name = distinctName(state.members, userId, asked);
  if (member.name === name) return ok(state, [], { type: 'user', user: { id: userId, name } });
  const renamed: RoomState = {
    ...state,
    lastActivity: now,
    members: state.members.map((m) => (m.id === userId ? { ...m, name } : m)),
  };
  const [next, announce] = systemLine(renamed, `${member.name} is now ${name}`, now);
  const change = { kind: 'member_renamed', user: { id: userId, name } } as const;
  return ok(next, [announce, { type: 'room_users', users: usersOf(next), change }], {
    type: 'user',
    user: { id: userId, name },
  });
}
