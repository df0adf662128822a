import { Limits } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { createRoom, isIdle, playerStateOf, toView, usersOf } from '../src/index.js';
import { room, step, T0, withDuration } from './builders.js';

const IDLE_MS = 30 * 60_000;

describe('createRoom', () => {
  it('starts empty, stopped at 0, with ids from 1', () => {
    expect(createRoom('abc', T0)).toStrictEqual({
      id: 'abc',
      createdAt: T0,
      lastActivity: T0,
      queue: [],
      messages: [],
      currentVideoIndex: 0,
      playback: { playing: false, position: 0, updatedAt: T0, rate: 1, epoch: 0 },
      members: [],
      nextVideoId: 1,
      nextMessageId: 1,
      loop: 'off',
      autoplay: true,
      roles: { coHostIds: [], locked: false, bannedIds: [] },
    });
  });

  it('is plain JSON that survives a round trip', () => {
    const state = step(room({ members: ['Alice', 'Bob'], videos: 2 }), {
      type: 'requestCountdown',
      userId: 'u1',
    });
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });
});

describe('isIdle', () => {
  it('is false while anyone is in the room, however old the activity', () => {
    const state = room({ members: ['Alice'] });
    expect(isIdle(state, T0 + 100 * IDLE_MS, IDLE_MS)).toBe(false);
  });

  it('is true for an empty room only once idleMs has fully passed', () => {
    const left = step(room({ members: ['Alice'] }), { type: 'leave', userId: 'u1' }, T0 + 1_000);
    expect(left.lastActivity).toBe(T0 + 1_000);
    expect(isIdle(left, T0 + 1_000, IDLE_MS)).toBe(false);
    expect(isIdle(left, T0 + 1_000 + IDLE_MS, IDLE_MS)).toBe(false);
    expect(isIdle(left, T0 + 1_000 + IDLE_MS + 1, IDLE_MS)).toBe(true);
  });

  it('counts from the last activity, not from creation', () => {
    const fresh = createRoom('r', T0);
    expect(isIdle(fresh, T0 + IDLE_MS + 1, IDLE_MS)).toBe(true);
    const touched = { ...fresh, lastActivity: T0 + IDLE_MS };
    expect(isIdle(touched, T0 + IDLE_MS + 1, IDLE_MS)).toBe(false);
  });
});

describe('usersOf and playerStateOf', () => {
  it('usersOf lists {id, name} in join order', () => {
    const state = step(room({ members: ['Alice', 'Bob'] }), {
      type: 'join',
      userId: 'u1',
      name: 'Alice',
    });
    expect(usersOf(state)).toStrictEqual([
      { id: 'u1', name: 'Alice' },
      { id: 'u2', name: 'Bob' },
    ]);
  });

  it('playerStateOf reports the stored playback plus the server clock', () => {
    const state = step(room({ videos: 2 }), { type: 'play', userId: 'u1', time: 4 }, T0 + 10);
    expect(playerStateOf(state, T0 + 999)).toStrictEqual({
      playing: true,
      time: 4,
      updatedAt: T0 + 10,
      rate: 1,
      serverTime: T0 + 999,
      currentVideoIndex: 0,
      itemId: 1,
      epoch: 1,
      loop: 'off',
      autoplay: true,
    });
  });

  it('playerStateOf announces the end and the next clip once the length is known', () => {
    let state = withDuration(room({ videos: 2 }), 1, 6.5);
    state = step(state, { type: 'play', userId: 'u1', time: 2, leadMs: 300 }, T0);
    const payload = playerStateOf(state, T0 + 1_000);
    expect(payload.endsAt).toBe(T0 + 300 + 4_500);
    expect(payload.next).toEqual({ index: 1, itemId: 2, startsAt: T0 + 4_800 });
  });
});

describe('toView', () => {
  it('is the seed RoomState with users as an {id, name} array', () => {
    const state = step(room({ members: ['Alice', 'Bob'], videos: 1 }), {
      type: 'join',
      userId: 'u2',
      name: 'Bob',
    });
    const now = T0 + 5_000;

    expect(toView(state, now)).toStrictEqual({
      id: 'room-1',
      queue: state.queue,
      messages: state.messages,
      currentVideoIndex: 0,
      playing: false,
      currentTime: 0,
      users: [
        { id: 'u1', name: 'Alice' },
        { id: 'u2', name: 'Bob' },
      ],
      createdAt: T0,
      lastActivity: T0,
      playback: state.playback,
      serverTime: now,
      player: playerStateOf(state, now),
      loop: 'off',
      autoplay: true,
      roles: { hostId: 'u1', coHostIds: [], locked: false, hasPassword: false, skipVotes: [] },
    });
  });

  it('derives playing and currentTime from the playback', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 3 }, T0);
    const view = toView(state, T0 + 1_500);
    expect(view.playing).toBe(true);
    expect(view.currentTime).toBe(4.5);
  });

  it('shows countdownEndsAt only while it lies in the future', () => {
    const now = T0 + 1_000;
    const endsAt = now + Limits.countdownSeconds * 1000;
    const state = step(room({ videos: 1 }), { type: 'requestCountdown', userId: 'u1' }, now);

    expect(toView(state, now).countdownEndsAt).toBe(endsAt);
    expect(toView(state, endsAt - 1).countdownEndsAt).toBe(endsAt);
    expect(toView(state, endsAt)).not.toHaveProperty('countdownEndsAt');
    expect(toView(state, endsAt + 10_000)).not.toHaveProperty('countdownEndsAt');
    expect(toView(room({ videos: 1 }), now)).not.toHaveProperty('countdownEndsAt');
  });

  it('does not expose connection counts or join times', () => {
    const view = toView(room({ members: ['Alice'] }), T0);
    expect(Object.keys(view.users[0] ?? {}).sort()).toEqual(['id', 'name']);
  });
});
