import { ErrorCode } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, createRoom, type RoomState } from '../src/index.js';
import { PRESENCE_LINES_UP_TO } from '../src/members.js';
import { must, refusal, room, step, T0 } from './builders.js';

const LATER = T0 + 5_000;

describe('join', () => {
  it('adds a new member, stores a system line and announces it with the user list', () => {
    const before = createRoom('room-1', T0);
    const result = must(apply(before, { type: 'join', userId: 'u1', name: 'Alice' }, LATER));

    expect(result.state.members).toEqual([{ id: 'u1', name: 'Alice', joinedAt: LATER }]);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.state.messages).toEqual([
      {
        id: 1,
        user: 'system',
        text: 'Alice joined',
        timestamp: new Date(LATER).toISOString(),
        isSystem: true,
      },
    ]);
    expect(result.state.nextMessageId).toBe(2);
    expect(result.effects).toEqual([
      {
        type: 'system_message',
        message: { id: 1, text: 'Alice joined', timestamp: '2026-01-01T00:00:05.000Z' },
      },
      {
        type: 'room_users',
        users: [{ id: 'u1', name: 'Alice' }],
        change: { kind: 'member_joined', user: { id: 'u1', name: 'Alice' } },
      },
      // The first one in is the host.
      {
        type: 'room_roles',
        roles: { hostId: 'u1', coHostIds: [], locked: false, hasPassword: false, skipVotes: [] },
      },
    ]);
    expect(result.reply).toEqual({ type: 'user', user: { id: 'u1', name: 'Alice' } });
  });

  it('lists every member, in join order, in room_users', () => {
    const state = room({ members: ['Alice'] });
    const result = must(apply(state, { type: 'join', userId: 'u2', name: 'Bob' }, LATER));

    expect(result.effects).toContainEqual({
      type: 'room_users',
      users: [
        { id: 'u1', name: 'Alice' },
        { id: 'u2', name: 'Bob' },
      ],
      change: { kind: 'member_joined', user: { id: 'u2', name: 'Bob' } },
    });
    expect(result.state.messages.map((m) => m.text)).toEqual(['Alice joined', 'Bob joined']);
  });

  it('changes nothing when someone already here joins again (another tab) under the same name', () => {
    const state = room({ members: ['Alice'] });
    const result = must(apply(state, { type: 'join', userId: 'u1', name: 'Alice' }, LATER));

    expect(result.state).toBe(state);
    expect(result.effects).toEqual([]);
    expect(result.reply).toEqual({ type: 'user', user: { id: 'u1', name: 'Alice' } });
  });

  it('renames a member who rejoins under another name and re-announces the user list', () => {
    const state = room({ members: ['Alice', 'Bob'] });
    const result = must(apply(state, { type: 'join', userId: 'u1', name: 'Alicia' }, LATER));

    expect(result.state.members[0]).toEqual({
      id: 'u1',
      name: 'Alicia',
      joinedAt: T0,
    });
    expect(result.state.members).toHaveLength(2);
    expect(result.effects).toEqual([
      {
        type: 'room_users',
        users: [
          { id: 'u1', name: 'Alicia' },
          { id: 'u2', name: 'Bob' },
        ],
        change: { kind: 'member_renamed', user: { id: 'u1', name: 'Alicia' } },
      },
    ]);
    expect(result.state.messages.filter((m) => m.text.includes('joined'))).toHaveLength(2);
    expect(result.reply).toEqual({ type: 'user', user: { id: 'u1', name: 'Alicia' } });
  });
});

describe('leave', () => {
  it('removes the member on the last connection and announces "left" with the user list', () => {
    const state = room({ members: ['Alice', 'Bob'] });
    const result = must(apply(state, { type: 'leave', userId: 'u1' }, LATER));

    expect(result.state.members).toEqual([{ id: 'u2', name: 'Bob', joinedAt: T0 }]);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.state.messages.at(-1)).toEqual({
      id: 3,
      user: 'system',
      text: 'Alice left',
      timestamp: new Date(LATER).toISOString(),
      isSystem: true,
    });
    expect(result.effects).toEqual([
      {
        type: 'system_message',
        message: { id: 3, text: 'Alice left', timestamp: new Date(LATER).toISOString() },
      },
      {
        type: 'room_users',
        users: [{ id: 'u2', name: 'Bob' }],
        change: { kind: 'member_left', userId: 'u1' },
      },
      // Alice was host: Bob, present longest now, is.
      {
        type: 'room_roles',
        roles: { hostId: 'u2', coHostIds: [], locked: false, hasPassword: false, skipVotes: [] },
      },
    ]);
    expect(result.reply).toEqual({ type: 'none' });
  });

  it('removes the member at once: their other connections are presence, counted by the edge', () => {
    const state = step(room({ members: ['Alice'] }), { type: 'join', userId: 'u1', name: 'Alice' });
    const gone = must(apply(state, { type: 'leave', userId: 'u1' }, LATER));
    expect(gone.state.members).toEqual([]);
    expect(gone.effects.map((e) => e.type)).toEqual(['system_message', 'room_users', 'room_roles']);
    expect(gone.effects).toContainEqual({
      type: 'room_users',
      users: [],
      change: { kind: 'member_left', userId: 'u1' },
    });
  });

  it('is a no-op for someone who is not a member', () => {
    const state = room({ members: ['Alice'] });
    const snapshot = structuredClone(state);
    const result = must(apply(state, { type: 'leave', userId: 'stranger' }, LATER));

    expect(result.state).toBe(state);
    expect(result.state).toStrictEqual(snapshot);
    expect(result.effects).toEqual([]);
    expect(result.reply).toEqual({ type: 'none' });
  });

  it('lets the same user join afresh after leaving', () => {
    const state = step(room({ members: ['Alice'] }), { type: 'leave', userId: 'u1' });
    const result = must(apply(state, { type: 'join', userId: 'u1', name: 'Alice' }, LATER));

    expect(result.state.members).toEqual([{ id: 'u1', name: 'Alice', joinedAt: LATER }]);
    expect(result.state.messages.map((m) => m.text)).toEqual([
      'Alice joined',
      'Alice left',
      'Alice joined',
    ]);
  });
});

describe('rename', () => {
  it('refuses someone who is not a member', () => {
    const state = room({ members: ['Alice'] });
    const error = refusal(apply(state, { type: 'rename', userId: 'stranger', name: 'X' }, LATER));
    expect(error.code).toBe(ErrorCode.NOT_IN_ROOM);
    expect(error.message).not.toBe('');
  });

  it('is a no-op when the name does not change', () => {
    const state = room({ members: ['Alice'] });
    const result = must(apply(state, { type: 'rename', userId: 'u1', name: 'Alice' }, LATER));

    expect(result.state).toBe(state);
    expect(result.effects).toEqual([]);
    expect(result.reply).toEqual({ type: 'user', user: { id: 'u1', name: 'Alice' } });
  });

  it('renames the member, stores "A is now B" and re-announces the user list', () => {
    const state = room({ members: ['Alice', 'Bob'] });
    const result = must(apply(state, { type: 'rename', userId: 'u2', name: 'Robert' }, LATER));

    expect(result.state.members.map((m) => m.name)).toEqual(['Alice', 'Robert']);
    expect(result.state.members[1]).toEqual({
      id: 'u2',
      name: 'Robert',
      joinedAt: T0,
    });
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.state.messages.at(-1)).toEqual({
      id: 3,
      user: 'system',
      text: 'Bob is now Robert',
      timestamp: new Date(LATER).toISOString(),
      isSystem: true,
    });
    expect(result.effects).toEqual([
      {
        type: 'system_message',
        message: { id: 3, text: 'Bob is now Robert', timestamp: new Date(LATER).toISOString() },
      },
      {
        type: 'room_users',
        users: [
          { id: 'u1', name: 'Alice' },
          { id: 'u2', name: 'Robert' },
        ],
        change: { kind: 'member_renamed', user: { id: 'u2', name: 'Robert' } },
      },
    ]);
    expect(result.reply).toEqual({ type: 'user', user: { id: 'u2', name: 'Robert' } });
  });

  it('uses the new name for later chat messages and queue items', () => {
    const state = step(room({ members: ['Alice'] }), {
      type: 'rename',
      userId: 'u1',
      name: 'Alicia',
    });
    const chat = must(apply(state, { type: 'sendMessage', userId: 'u1', text: 'hi' }, LATER));
    expect(chat.state.messages.at(-1)?.user).toBe('Alicia');
    const added = must(
      apply(
        state,
        { type: 'addVideo', userId: 'u1', url: 'https://vm.tiktok.com/ZMabc123/' },
        LATER,
      ),
    );
    expect(added.state.queue[0]?.addedBy).toBe('Alicia');
  });
});

describe(`presence lines (up to ${PRESENCE_LINES_UP_TO} people)`, () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `Person ${i + 1}`);
  const texts = (state: RoomState) => state.messages.map((m) => m.text);

  it('announces the join that brings the room to the limit in the chat', () => {
    const state = room({ members: names(PRESENCE_LINES_UP_TO - 1) });
    const result = must(apply(state, { type: 'join', userId: 'new', name: 'Zoe' }, LATER));

    expect(texts(result.state).at(-1)).toBe('Zoe joined');
    expect(result.effects.map((e) => e.type)).toEqual(['system_message', 'room_users']);
  });

  it('past the limit, a join is a change of the people list only: no chat line travels', () => {
    const state = room({ members: names(PRESENCE_LINES_UP_TO) });
    const result = must(apply(state, { type: 'join', userId: 'new', name: 'Zoe' }, LATER));

    expect(result.state.members).toHaveLength(PRESENCE_LINES_UP_TO + 1);
    expect(result.state.messages).toBe(state.messages);
    expect(result.state.nextMessageId).toBe(state.nextMessageId);
    expect(result.effects).toEqual([
      expect.objectContaining({
        type: 'room_users',
        change: { kind: 'member_joined', user: { id: 'new', name: 'Zoe' } },
      }),
    ]);
  });

  it('a crowd arriving keeps the conversation in the history', () => {
    let state = room({ members: names(PRESENCE_LINES_UP_TO) });
    state = step(state, { type: 'sendMessage', userId: 'u1', text: 'welcome, everyone' });
    for (let i = 0; i < 300; i++) {
      state = step(state, { type: 'join', userId: `crowd-${i}`, name: `Crowd ${i}` });
    }

    expect(state.members).toHaveLength(PRESENCE_LINES_UP_TO + 300);
    expect(texts(state)).toContain('welcome, everyone');
    expect(texts(state).filter((text) => text.endsWith(' joined'))).toHaveLength(
      PRESENCE_LINES_UP_TO,
    );
  });

  it('leaves are announced from a room at the limit, not from a bigger one', () => {
    const atLimit = room({ members: names(PRESENCE_LINES_UP_TO) });
    const fromLimit = must(apply(atLimit, { type: 'leave', userId: 'u2' }, LATER));
    expect(texts(fromLimit.state).at(-1)).toBe('Person 2 left');

    const bigger = step(atLimit, { type: 'join', userId: 'new', name: 'Zoe' });
    const fromBigger = must(apply(bigger, { type: 'leave', userId: 'u2' }, LATER));
    expect(fromBigger.state.members).toHaveLength(PRESENCE_LINES_UP_TO);
    expect(fromBigger.state.messages).toBe(bigger.messages);
    expect(fromBigger.effects).toEqual([
      expect.objectContaining({
        type: 'room_users',
        change: { kind: 'member_left', userId: 'u2' },
      }),
    ]);
  });
});
