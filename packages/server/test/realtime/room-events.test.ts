import { leadTimeMs, SyncTiming } from '@wt/room';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { collect, eventually, joinAs, next, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const VIDEO_A = 'https://www.tiktok.com/@alice/video/7400000000000000001?is_from_webapp=1';
const VIDEO_B = 'https://www.tiktok.com/@bob/video/7400000000000000002';

describe('seed events between three real clients', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  async function join(roomId: string, userId: string, name: string) {
    const joined = await joinAs(server.url, roomId, userId, name);
    sockets.push(joined.socket);
    return joined;
  }

  it('join_room creates the room, answers room_state and tells the others', async () => {
    const alice = await join('party', 'alice-id', 'Alice');
    expect(alice.ack.room.id).toBe('party');
    // The server gives each connection its own id; the payload's userId is only a hint.
    const aliceId = alice.ack.user.id;
    expect(alice.ack.room.users).toEqual([{ id: aliceId, name: 'Alice' }]);

    const count = next(alice.socket, 'room_users_count');
    const users = next(alice.socket, 'room_users');
    const system = next(alice.socket, 'system_message');
    const bob = await join('party', 'bob-id', 'Bob');
    expect(await count).toBe(2);
    expect(await users).toEqual([
      { id: aliceId, name: 'Alice' },
      { id: bob.ack.user.id, name: 'Bob' },
    ]);
    expect((await system).text).toBe('Bob joined');
    expect(bob.ack.room.users).toHaveLength(2);
    expect(bob.ack.room.messages.map((m) => m.text)).toEqual(['Alice joined', 'Bob joined']);
  });

  it('room_state is emitted to the joiner with the seed RoomState fields', async () => {
    const { socket } = await join('fields', 'alice-id', 'Alice');
    const stateEvent = next(socket, 'room_state');
    await socket.emitWithAck('join_room', { roomId: 'fields', userId: 'alice-id', name: 'Alice' });
    const state = await stateEvent;
    for (const key of [
      'id',
      'queue',
      'messages',
      'currentVideoIndex',
      'playing',
      'currentTime',
      'users',
      'createdAt',
      'lastActivity',
    ]) {
      expect(state).toHaveProperty(key);
    }
  });

  it('add_video goes out processing at once, then resolved through the real resolver', async () => {
    const alice = await join('queue', 'alice-id', 'Alice');
    const bob = await join('queue', 'bob-id', 'Bob');
    const seen = collect(bob.socket, 'update_queue');
    const ack = await alice.socket.emitWithAck('add_video', {
      roomId: 'queue',
      video: { url: VIDEO_A },
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.item).toMatchObject({
      id: 1,
      addedBy: 'Alice',
      isProcessing: true,
      videoId: '7400000000000000001',
    });
    await eventually(() => seen.length >= 2);
    expect(seen[0]?.[0]?.isProcessing).toBe(true);
    expect(seen[1]?.[0]).toMatchObject({
      isProcessing: false,
      mp4Url: '/media/7400000000000000001.mp4',
      embedUrl: 'https://www.tiktok.com/player/v1/7400000000000000001',
      author: { uniqueId: 'fake.creator' },
    });
    expect(seen[1]?.[0]?.title).toBeTruthy();
    expect(seen[1]?.[0]?.duration).toBeGreaterThan(0);
  });

  it('add_video of a short link learns its id; a private video ends with its error and the embed', async () => {
    const alice = await join('links', 'alice-id', 'Alice');
    const seen = collect(alice.socket, 'update_queue');
    await alice.socket.emitWithAck('add_video', {
      roomId: 'links',
      video: { url: 'https://vm.tiktok.com/ZMok0001/' },
    });
    await alice.socket.emitWithAck('add_video', {
      roomId: 'links',
      video: { url: 'https://www.tiktok.com/@x/video/7400000000000000011' },
    });
    await server.runtime.drain();
    await eventually(() => seen.at(-1)?.every((item) => item.isProcessing === false) ?? false);
    const [short, privateOne] = seen.at(-1) ?? [];
    expect(short).toMatchObject({
      videoId: '7400000000000000001',
      mp4Url: '/media/7400000000000000001.mp4',
    });
    expect(privateOne).toMatchObject({
      error: { code: 'VIDEO_PRIVATE' },
      embedUrl: 'https://www.tiktok.com/player/v1/7400000000000000011',
    });
    expect(privateOne?.mp4Url).toBeUndefined();
  });

  it('retry_video resolves a failed item again', async () => {
    const alice = await join('retry', 'alice-id', 'Alice');
    await alice.socket.emitWithAck('add_video', {
      roomId: 'retry',
      video: { url: 'https://www.tiktok.com/@x/video/7400000000000000015' },
    });
    await server.runtime.drain();
    const failed = (await server.store.get('retry'))?.queue[0];
    expect(failed?.error?.code).toBe('UPSTREAM_ERROR');
    const queued = collect(alice.socket, 'update_queue');
    const ack = await alice.socket.emitWithAck('retry_video', { roomId: 'retry', id: 1 });
    expect(ack.ok && ack.item.isProcessing).toBe(true);
    await eventually(() => queued.some((queue) => queue[0]?.isProcessing === true));
    await server.runtime.drain();
    expect((await server.store.get('retry'))?.queue[0]?.isProcessing).toBe(false);
  });

  it('remove_video and change_video broadcast update_queue, update_index and player_state', async () => {
    const alice = await join('edit', 'alice-id', 'Alice');
    const bob = await join('edit', 'bob-id', 'Bob');
    const queues = collect(bob.socket, 'update_queue');
    await alice.socket.emitWithAck('add_video', { roomId: 'edit', video: { url: VIDEO_A } });
    await alice.socket.emitWithAck('add_video', { roomId: 'edit', video: { url: VIDEO_B } });
    // Each item is resolved in the background and its outcome broadcast as `update_queue`:
    // wait for both, so the one awaited below is the removal's.
    await eventually(() =>
      queues.some((queue) => queue.length === 2 && queue.every((item) => !item.isProcessing)),
    );

    const index = next(bob.socket, 'update_index');
    const player = next(bob.socket, 'player_state');
    expect((await alice.socket.emitWithAck('change_video', { roomId: 'edit', index: 1 })).ok).toBe(
      true,
    );
    expect(await index).toBe(1);
    expect(await player).toMatchObject({ playing: false, time: 0, currentVideoIndex: 1 });

    const queue = next(bob.socket, 'update_queue');
    const shifted = next(bob.socket, 'update_index');
    await alice.socket.emitWithAck('remove_video', { roomId: 'edit', index: 0 });
    expect((await queue).map((v) => v.videoId)).toEqual(['7400000000000000002']);
    expect(await shifted).toBe(0);
  });

  it('send_message reaches everyone with server-set user, id and timestamp', async () => {
    const alice = await join('chat', 'alice-id', 'Alice');
    const bob = await join('chat', 'bob-id', 'Bob');
    const carol = await join('chat', 'carol-id', 'Carol');
    const atBob = next(bob.socket, 'new_message');
    const atCarol = next(carol.socket, 'new_message');
    const atAlice = next(alice.socket, 'new_message');
    const ack = await alice.socket.emitWithAck('send_message', {
      roomId: 'chat',
      message: 'hello there',
    });
    expect(ack.ok).toBe(true);
    for (const message of [await atBob, await atCarol, await atAlice]) {
      expect(message).toMatchObject({
        user: 'Alice',
        userId: alice.ack.user.id,
        text: 'hello there',
      });
      expect(typeof message.id).toBe('number');
      expect(Number.isNaN(Date.parse(message.timestamp))).toBe(false);
    }
    const objectForm = next(bob.socket, 'new_message');
    await carol.socket.emitWithAck('send_message', {
      roomId: 'chat',
      message: { text: 'object form' },
    });
    expect((await objectForm).text).toBe('object form');
  });

  it('player_play, player_pause and player_seek drive everyone through player_state', async () => {
    const alice = await join('play', 'alice-id', 'Alice');
    const bob = await join('play', 'bob-id', 'Bob');
    const queues = collect(bob.socket, 'update_queue');
    await alice.socket.emitWithAck('add_video', { roomId: 'play', video: { url: VIDEO_A } });
    // Played once it resolved: a clip that resolves while the room plays starts again from 0
    // (its own player_state), which would race the seek below.
    await eventually(() => queues.some((queue) => queue[0]?.isProcessing === false));

    const playing = next(bob.socket, 'player_state');
    await alice.socket.emitWithAck('player_play', { roomId: 'play', time: 1.5 });
    const played = await playing;
    expect(played).toMatchObject({ playing: true, time: 1.5, rate: 1 });
    // A start is scheduled a lead ahead (nobody reported a round trip: the minimum lead).
    expect(played.updatedAt - played.serverTime).toBe(SyncTiming.minLeadMs);

    const seekNumber = next(bob.socket, 'player_seek');
    const seekState = next(bob.socket, 'player_state');
    const aliceSeeks = collect(alice.socket, 'player_seek');
    await alice.socket.emitWithAck('player_seek', { roomId: 'play', time: 2 });
    expect(await seekNumber).toBe(2);
    expect(await seekState).toMatchObject({ playing: true, time: 2 });

    const paused = next(bob.socket, 'player_state');
    await alice.socket.emitWithAck('player_pause', { roomId: 'play', time: 2.25 });
    expect(await paused).toMatchObject({ playing: false, time: 2.25 });
    expect(aliceSeeks).toEqual([]);

    const late = await join('play', 'carol-id', 'Carol');
    expect(late.ack.room.playing).toBe(false);
    expect(late.ack.room.currentTime).toBe(2.25);
  });

  it('a start is scheduled as far ahead as the slowest round trip the players report', async () => {
    const alice = await join('lead', 'alice-id', 'Alice');
    const bob = await join('lead', 'bob-id', 'Bob');
    const queues = collect(bob.socket, 'update_queue');
    await alice.socket.emitWithAck('add_video', { roomId: 'lead', video: { url: VIDEO_A } });
    await eventually(() => queues.some((queue) => queue[0]?.isProcessing === false));
    // The decision's own player_state (a start held for readiness is told again later).
    const states = collect(alice.socket, 'player_state');
    const leadOf = async (time: number): Promise<number> => {
      // From a pause each time: a play while playing changes nothing.
      await alice.socket.emitWithAck('player_pause', { roomId: 'lead', time: time + 0.5 });
      await alice.socket.emitWithAck('player_play', { roomId: 'lead', time });
      await eventually(() => states.some((state) => state.time === time && state.playing));
      const played = states.find((state) => state.time === time && state.playing);
      if (!played) throw new Error('no player_state');
      return played.updatedAt - played.serverTime;
    };

    // Bob is far away; Alice close by: the lead is Bob's.
    await bob.socket.emitWithAck('sync_report', { roomId: 'lead', rttMs: 400 });
    await alice.socket.emitWithAck('sync_report', { roomId: 'lead', rttMs: 30 });
    expect(await leadOf(1)).toBe(leadTimeMs(400));
    expect(leadTimeMs(400)).toBeGreaterThan(SyncTiming.minLeadMs);
    // His network got better: the lead follows him down to what Alice needs.
    await bob.socket.emitWithAck('sync_report', { roomId: 'lead', rttMs: 20 });
    expect(await leadOf(2)).toBe(leadTimeMs(30));
    // He reports a slow network again, then his connection goes: the lead is Alice's alone.
    await bob.socket.emitWithAck('sync_report', { roomId: 'lead', rttMs: 500 });
    expect(await leadOf(3)).toBe(leadTimeMs(500));
    bob.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await leadOf(4)).toBe(leadTimeMs(30));
  });

  it('request_countdown sends start_countdown and schedules playback for its end', async () => {
    const alice = await join('count', 'alice-id', 'Alice');
    const bob = await join('count', 'bob-id', 'Bob');
    await alice.socket.emitWithAck('add_video', { roomId: 'count', video: { url: VIDEO_A } });
    const countdown = next(bob.socket, 'start_countdown');
    const state = next(bob.socket, 'player_state');
    const ack = await alice.socket.emitWithAck('request_countdown', { roomId: 'count' });
    expect(await countdown).toBe(3);
    const scheduled = await state;
    expect(scheduled.playing).toBe(true);
    expect(scheduled.updatedAt - scheduled.serverTime).toBeGreaterThanOrEqual(2900);
    expect(ack.ok && ack.endsAt).toBe(scheduled.updatedAt);
  });

  it('a leaving user is announced and the count drops', async () => {
    const alice = await join('leave', 'alice-id', 'Alice');
    const bob = await join('leave', 'bob-id', 'Bob');
    const count = next(alice.socket, 'room_users_count');
    const system = next(alice.socket, 'system_message');
    bob.socket.disconnect();
    expect(await count).toBe(1);
    expect((await system).text).toBe('Bob left');
  });

  it('a late joiner gets queue, chat history, current video and position', async () => {
    const alice = await join('late', 'alice-id', 'Alice');
    await alice.socket.emitWithAck('add_video', { roomId: 'late', video: { url: VIDEO_A } });
    await alice.socket.emitWithAck('add_video', { roomId: 'late', video: { url: VIDEO_B } });
    await alice.socket.emitWithAck('send_message', { roomId: 'late', message: 'first!' });
    await alice.socket.emitWithAck('change_video', { roomId: 'late', index: 1 });
    await alice.socket.emitWithAck('player_play', { roomId: 'late', time: 2 });
    await server.runtime.drain();
    const late = await join('late', 'dave-id', 'Dave');
    const room = late.ack.room;
    expect(room.queue).toHaveLength(2);
    expect(room.messages.some((m) => m.text === 'first!')).toBe(true);
    expect(room.currentVideoIndex).toBe(1);
    expect(room.playing).toBe(true);
    expect(room.currentTime).toBeGreaterThanOrEqual(2);
    expect(room.currentTime).toBeLessThan(4);
  });

  it('set_name renames the user for everyone', async () => {
    const alice = await join('names', 'alice-id', 'Alice');
    const bob = await join('names', 'bob-id', 'Bob');
    const users = next(bob.socket, 'room_users');
    const ack = await alice.socket.emitWithAck('set_name', { roomId: 'names', name: '  Alicia ' });
    expect(ack.ok && ack.user).toEqual({ id: alice.ack.user.id, name: 'Alicia' });
    expect((await users).map((u) => u.name)).toEqual(['Alicia', 'Bob']);
  });

  it('time_sync answers with the server clock', async () => {
    const alice = await join('clock', 'alice-id', 'Alice');
    const before = Date.now();
    const ack = await alice.socket.emitWithAck('time_sync', { clientTime: 123 });
    expect(ack.ok && ack.clientTime).toBe(123);
    expect(ack.ok && ack.serverTime).toBeGreaterThanOrEqual(before);
  });
});
