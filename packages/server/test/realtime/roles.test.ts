import {
  ErrorCode,
  type RoomChange,
  type RoomDelta,
  type RoomRoles,
  type RoomStateView,
} from '@wt/protocol';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connect,
  emitRaw,
  eventually,
  joinAs,
  next,
  sessionOf,
  type TestSocket,
} from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const VIDEO_A = 'https://www.tiktok.com/@alice/video/7400000000000000001';
const VIDEO_B = 'https://www.tiktok.com/@bob/video/7400000000000000002';

describe('roles and controls between real clients', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  async function join(roomId: string, name: string, protocolVersion: number | null = 3) {
    const joined = await joinAs(server.url, roomId, name, name, protocolVersion);
    sockets.push(joined.socket);
    return { ...joined, id: joined.ack.user.id };
  }

  /** Every `roles` change a protocol 3 client receives. */
  function rolesChanges(socket: TestSocket): RoomRoles[] {
    const seen: RoomRoles[] = [];
    const take = (delta: RoomDelta) => {
      for (const change of delta.changes) if (change.kind === 'roles') seen.push(change.roles);
    };
    socket.on('room_delta', take);
    socket.on('room_deltas', (all) => {
      all.forEach(take);
    });
    return seen;
  }

  async function roomView(socket: TestSocket, roomId: string): Promise<RoomStateView> {
    const ack = await socket.emitWithAck('join_room', { roomId, userId: 'x', protocolVersion: 3 });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.room;
  }

  it('the creator is host; a member’s host action is FORBIDDEN and changes nothing', async () => {
    const alice = await join('r1', 'Alice');
    const bob = await join('r1', 'Bob');
    expect(alice.ack.room.roles).toEqual({
      hostId: alice.id,
      coHostIds: [],
      locked: false,
      hasPassword: false,
      skipVotes: [],
    });
    expect(bob.ack.room.roles?.hostId).toBe(alice.id);
    for (const [event, payload] of [
      ['set_locked', { roomId: 'r1', locked: true }],
      ['kick_member', { roomId: 'r1', userId: alice.id }],
      ['transfer_host', { roomId: 'r1', userId: bob.id }],
      ['set_co_host', { roomId: 'r1', userId: bob.id, coHost: true }],
      ['set_password', { roomId: 'r1', password: 'secret' }],
    ] as const) {
      const ack = await emitRaw(bob.socket, event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    }
    expect((await roomView(alice.socket, 'r1')).roles).toEqual(alice.ack.room.roles);
  });

  it('while locked a member’s playback and queue controls are FORBIDDEN; hosts and co-hosts go on', async () => {
    const alice = await join('r2', 'Alice');
    const bob = await join('r2', 'Bob');
    const carol = await join('r2', 'Carol');
    await alice.socket.emitWithAck('add_video', { roomId: 'r2', video: { url: VIDEO_A } });
    const changes = rolesChanges(bob.socket);
    const locked = await alice.socket.emitWithAck('set_locked', { roomId: 'r2', locked: true });
    expect(locked).toMatchObject({ ok: true, roles: { locked: true } });
    await eventually(() => changes.some((roles) => roles.locked));

    const forbidden = [
      bob.socket.emitWithAck('player_play', { roomId: 'r2', time: 0 }),
      bob.socket.emitWithAck('player_seek', { roomId: 'r2', time: 3 }),
      bob.socket.emitWithAck('add_video', { roomId: 'r2', video: { url: VIDEO_B } }),
      bob.socket.emitWithAck('remove_video', { roomId: 'r2', index: 0 }),
      bob.socket.emitWithAck('set_loop', { roomId: 'r2', mode: 'all' }),
      bob.socket.emitWithAck('clear_queue', { roomId: 'r2' }),
    ];
    for (const ack of await Promise.all(forbidden)) {
      expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    }
    const view = await roomView(alice.socket, 'r2');
    expect(view.playing).toBe(false);
    expect(view.queue).toHaveLength(1);
    expect(view.loop).toBe('off');
    // Chat stays open.
    expect((await bob.socket.emitWithAck('send_message', { roomId: 'r2', message: 'hi' })).ok).toBe(
      true,
    );
    // The host plays; a co-host pauses.
    expect((await alice.socket.emitWithAck('player_play', { roomId: 'r2', time: 0 })).ok).toBe(
      true,
    );
    await alice.socket.emitWithAck('set_co_host', { roomId: 'r2', userId: carol.id, coHost: true });
    const paused = await carol.socket.emitWithAck('player_pause', { roomId: 'r2', time: 1 });
    expect(paused).toMatchObject({ ok: true, state: { playing: false } });
    // Unlocked, the member may again.
    await alice.socket.emitWithAck('set_locked', { roomId: 'r2', locked: false });
    expect((await bob.socket.emitWithAck('player_play', { roomId: 'r2', time: 1 })).ok).toBe(true);
  });

  it('a seed client: nothing new while unlocked; FORBIDDEN only when it asked for an ack', async () => {
    const alice = await join('r3', 'Alice');
    const seed = await join('r3', 'Seed', null);
    expect(seed.ack.room).not.toHaveProperty('roles');
    const roleEvents = collect(seed.socket, 'room_roles');
    const states = collect(seed.socket, 'player_state');
    await alice.socket.emitWithAck('add_video', { roomId: 'r3', video: { url: VIDEO_A } });
    await alice.socket.emitWithAck('set_co_host', { roomId: 'r3', userId: seed.id, coHost: true });
    await alice.socket.emitWithAck('set_co_host', { roomId: 'r3', userId: seed.id, coHost: false });
    await alice.socket.emitWithAck('set_locked', { roomId: 'r3', locked: true });
    // Without an ack: nothing happens, nothing comes back.
    const untyped: Socket = seed.socket;
    untyped.emit('player_play', { roomId: 'r3', time: 0 });
    const asked = await seed.socket.emitWithAck('player_play', { roomId: 'r3', time: 0 });
    expect(asked).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    expect((await roomView(alice.socket, 'r3')).playing).toBe(false);
    expect(states).toEqual([]);
    expect(roleEvents).toEqual([]);
  });

  it('protocol 1-2 clients get room_roles; their view carries the roles', async () => {
    const alice = await join('r4', 'Alice');
    const old = await join('r4', 'Old', 2);
    expect(old.ack.room.roles?.hostId).toBe(alice.id);
    const roles = next(old.socket, 'room_roles');
    await alice.socket.emitWithAck('set_locked', { roomId: 'r4', locked: true });
    expect(await roles).toMatchObject({ locked: true, hostId: alice.id });
  });

  it('kick takes every connection of the person out and tells them; they may come back', async () => {
    const alice = await join('k1', 'Alice');
    const bob = await join('k1', 'Bob');
    const token = (await sessionOf(bob.socket)).token;
    const bobTab = await connect(server.url, { token });
    sockets.push(bobTab);
    expect(
      (await bobTab.emitWithAck('join_room', { roomId: 'k1', userId: 'b', name: 'Bob' })).ok,
    ).toBe(true);
    const told = [next(bob.socket, 'removed_from_room'), next(bobTab, 'removed_from_room')];
    const users = collect(alice.socket, 'room_delta');
    const ack = await alice.socket.emitWithAck('kick_member', { roomId: 'k1', userId: bob.id });
    expect(ack.ok).toBe(true);
    for (const removal of await Promise.all(told)) {
      expect(removal).toEqual({ roomId: 'k1', reason: 'kicked', by: 'Alice' });
    }
    await eventually(() =>
      users.some((d) =>
        d.changes.some((c: RoomChange) => c.kind === 'member_left' && c.userId === bob.id),
      ),
    );
    // Out of the room: its events are refused, the room's broadcasts no longer reach it.
    const sent = await bob.socket.emitWithAck('send_message', { roomId: 'k1', message: 'hey' });
    expect(sent).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_IN_ROOM } });
    const leaks = collect(bob.socket, 'room_delta');
    await alice.socket.emitWithAck('send_message', { roomId: 'k1', message: 'bye Bob' });
    expect((await roomView(alice.socket, 'k1')).users.map((u) => u.id)).toEqual([alice.id]);
    expect(leaks).toEqual([]);
    // A kick is not a ban.
    const back = await bob.socket.emitWithAck('join_room', {
      roomId: 'k1',
      userId: 'b',
      name: 'Bob',
      protocolVersion: 3,
    });
    expect(back.ok).toBe(true);
  });

  it('ban keeps the person out for the room’s life (BANNED); others still join', async () => {
    const alice = await join('b1', 'Alice');
    const bob = await join('b1', 'Bob');
    const told = next(bob.socket, 'removed_from_room');
    await alice.socket.emitWithAck('kick_member', { roomId: 'b1', userId: bob.id, ban: true });
    expect(await told).toEqual({ roomId: 'b1', reason: 'banned', by: 'Alice' });
    const again = await bob.socket.emitWithAck('join_room', { roomId: 'b1', userId: 'b' });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.BANNED } });
    // The same person from a new connection (same token) is still banned.
    const token = (await sessionOf(bob.socket)).token;
    const other = await connect(server.url, { token });
    sockets.push(other);
    const tab = await other.emitWithAck('join_room', { roomId: 'b1', userId: 'b' });
    expect(tab).toMatchObject({ ok: false, error: { code: ErrorCode.BANNED } });
    await join('b1', 'Carol');
  });

  it('when the host leaves, the longest-present member is host (and told so)', async () => {
    const alice = await join('h1', 'Alice');
    const bob = await join('h1', 'Bob');
    const carol = await join('h1', 'Carol');
    const old = await join('h1', 'Old', 2);
    const seen = rolesChanges(carol.socket);
    const oldSeen = collect(old.socket, 'room_roles');
    alice.socket.disconnect();
    await eventually(() => seen.some((roles) => roles.hostId === bob.id));
    await eventually(() => oldSeen.some((roles) => roles.hostId === bob.id));
    // The new host's powers are real.
    const locked = await bob.socket.emitWithAck('set_locked', { roomId: 'h1', locked: true });
    expect(locked).toMatchObject({ ok: true, roles: { hostId: bob.id, locked: true } });
    // The host may also hand the role over by hand.
    const handed = await bob.socket.emitWithAck('transfer_host', {
      roomId: 'h1',
      userId: carol.id,
    });
    expect(handed).toMatchObject({ ok: true, roles: { hostId: carol.id } });
    const refused = await bob.socket.emitWithAck('set_locked', { roomId: 'h1', locked: false });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
  });

  it('password: asked of newcomers, checked, members stay in, and the host can clear it', async () => {
    const alice = await join('p1', 'Alice');
    const bob = await join('p1', 'Bob');
    const set = await alice.socket.emitWithAck('set_password', {
      roomId: 'p1',
      password: 'hunter2',
    });
    expect(set).toMatchObject({ ok: true, roles: { hasPassword: true } });
    // Neither the password nor its hash ever goes to a client.
    expect(JSON.stringify(await roomView(bob.socket, 'p1'))).not.toMatch(/hunter2|scrypt/);

    const newcomer = await connect(server.url);
    sockets.push(newcomer);
    const ask = (password?: string) =>
      newcomer.emitWithAck('join_room', {
        roomId: 'p1',
        userId: 'd',
        name: 'Dee',
        protocolVersion: 3,
        ...(password === undefined ? {} : { password }),
      });
    expect(await ask()).toMatchObject({ ok: false, error: { code: ErrorCode.PASSWORD_REQUIRED } });
    expect(await ask('hunter3')).toMatchObject({
      ok: false,
      error: { code: ErrorCode.WRONG_PASSWORD },
    });
    // Refused joins leave no trace.
    expect((await roomView(alice.socket, 'p1')).users).toHaveLength(2);
    const page = await fetch(`${server.url}/room/p1`);
    expect(await page.text()).not.toContain('wt-room-snapshot');
    expect(await ask('hunter2')).toMatchObject({ ok: true });

    // Bob's second tab needs no password: he is in.
    const token = (await sessionOf(bob.socket)).token;
    const bobTab = await connect(server.url, { token });
    sockets.push(bobTab);
    expect((await bobTab.emitWithAck('join_room', { roomId: 'p1', userId: 'b' })).ok).toBe(true);

    const cleared = await alice.socket.emitWithAck('set_password', {
      roomId: 'p1',
      password: null,
    });
    expect(cleared).toMatchObject({ ok: true, roles: { hasPassword: false } });
    await join('p1', 'Eve');
  });

  it('vote to skip: more than half of the people present moves to the next clip', async () => {
    const alice = await join('v1', 'Alice');
    const bob = await join('v1', 'Bob');
    const carol = await join('v1', 'Carol');
    await alice.socket.emitWithAck('add_video', { roomId: 'v1', video: { url: VIDEO_A } });
    await alice.socket.emitWithAck('add_video', { roomId: 'v1', video: { url: VIDEO_B } });
    await alice.socket.emitWithAck('set_locked', { roomId: 'v1', locked: true });
    const seen = rolesChanges(alice.socket);
    const first = await bob.socket.emitWithAck('vote_skip', { roomId: 'v1' });
    expect(first).toEqual({ ok: true, votes: 1, needed: 2, skipped: false });
    await eventually(() => seen.some((roles) => roles.skipVotes.includes(bob.id)));
    expect((await roomView(alice.socket, 'v1')).currentVideoIndex).toBe(0);
    const second = await carol.socket.emitWithAck('vote_skip', { roomId: 'v1' });
    expect(second).toEqual({ ok: true, votes: 2, needed: 2, skipped: true });
    const view = await roomView(alice.socket, 'v1');
    expect(view.currentVideoIndex).toBe(1);
    expect(view.roles?.skipVotes).toEqual([]);
    const last = await bob.socket.emitWithAck('vote_skip', { roomId: 'v1' });
    expect(last).toMatchObject({ ok: false, error: { code: ErrorCode.NO_VIDEO } });
  });

  it('vote to skip: a departure that makes the votes cast a majority skips at once', async () => {
    const alice = await join('v2', 'Alice');
    const bob = await join('v2', 'Bob');
    const carol = await join('v2', 'Carol');
    const dave = await join('v2', 'Dave');
    await alice.socket.emitWithAck('add_video', { roomId: 'v2', video: { url: VIDEO_A } });
    await alice.socket.emitWithAck('add_video', { roomId: 'v2', video: { url: VIDEO_B } });
    // Two of four voted: three are needed.
    expect(await bob.socket.emitWithAck('vote_skip', { roomId: 'v2' })).toMatchObject({
      votes: 1,
      needed: 3,
    });
    expect(await carol.socket.emitWithAck('vote_skip', { roomId: 'v2' })).toMatchObject({
      votes: 2,
      needed: 3,
      skipped: false,
    });
    const changes: RoomChange[] = [];
    alice.socket.on('room_delta', (delta: RoomDelta) => changes.push(...delta.changes));
    alice.socket.on('room_deltas', (all: RoomDelta[]) => {
      for (const delta of all) changes.push(...delta.changes);
    });
    // Dave, who did not vote, leaves: two of three is more than half.
    dave.socket.disconnect();
    const line = (text: string) => (change: RoomChange) =>
      change.kind === 'system_message' && change.message.text === text;
    await eventually(() => changes.some(line('Skipped by vote (2 of 3)')));
    expect(changes.map((c) => c.kind).slice(0, 6)).toEqual([
      'system_message',
      'member_left',
      'index',
      'player_state',
      'system_message',
      'roles',
    ]);
    const view = await roomView(alice.socket, 'v2');
    expect(view.currentVideoIndex).toBe(1);
    expect(view.roles?.skipVotes).toEqual([]);
    expect(view.messages.filter((m) => m.text.startsWith('Skipped by vote'))).toHaveLength(1);
    // Bob leaving now skips nothing more (the votes were spent on the first clip).
    bob.socket.disconnect();
    await eventually(() => changes.some(line('Bob left')));
    expect((await roomView(alice.socket, 'v2')).currentVideoIndex).toBe(1);
  });
});
