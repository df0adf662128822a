import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericId } from '../fake-tiktok/catalog.js';
import { ErrorCode, PROTOCOL_VERSION, type RoomDelta } from '@wt/protocol';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { BATCH_FROM_RECIPIENTS } from '../../src/realtime/delta-broadcast.js';
import {
  collect,
  connect,
  eventually,
  eventuallyAsync,
  joinAs,
  next,
  sessionOf,
  type TestSocket,
  WHOLE_LIST_PROTOCOL,
} from '../support/client.js';
import { idOf, member } from './clients.js';
import type { ServerProcess } from './processes.js';
import { overhear } from './between-processes.js';
import { SwitchingProxy } from './switching-proxy.js';
import { startTwoProcesses, type TwoProcesses } from './two-processes.js';

const LONG = 30_000;
const videoUrl = (n: number) => `https://www.tiktok.com/@fake/video/${genericId(n)}`;

/** Two real server processes (`main.ts`) on one Redis, the fake TikTok behind both. */
describe('two processes on one Redis', () => {
  let cluster: TwoProcesses;
  let one: ServerProcess;
  let two: ServerProcess;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startTwoProcesses();
    ({ one, two } = cluster);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster.stop();
  });

  const join = async (server: ServerProcess, roomId: string, userId: string) => {
    const socket = await member(server.url, roomId, userId);
    sockets.push(socket);
    return socket;
  };

  /** Joins `roomId` as the web app does (the current protocol); the join must succeed. */
  const enter = async (socket: TestSocket, roomId: string, userId: string, name: string) => {
    const joined = await socket.emitWithAck('join_room', {
      roomId,
      userId,
      name,
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(joined.ok).toBe(true);
  };

  /**
   * A newcomer opens `roomId` (a new room) from an address of its own: a new room counts
   * against its address's budget, which the other tests' rooms share. `beforeJoin` sees
   * the socket connected, before it joins.
   */
  const openRoom = async (
    server: ServerProcess,
    roomId: string,
    localAddress: string,
    beforeJoin?: (socket: TestSocket) => void,
  ) => {
    const socket = await connect(server.url, {}, { localAddress });
    sockets.push(socket);
    beforeJoin?.(socket);
    await enter(socket, roomId, 'opener', 'Opener');
    return socket;
  };

  it(
    'a client on one process sees chat and queue changes made on the other',
    async () => {
      const alice = await join(one, 'cross', 'alice');
      const bob = await join(two, 'cross', 'bob');
      const messages = collect(alice, 'new_message');
      const queues = collect(alice, 'update_queue');

      const sent = await bob.emitWithAck('send_message', {
        roomId: 'cross',
        message: 'hi from two',
      });
      expect(sent.ok).toBe(true);
      await eventually(() => messages.some((m) => m.text === 'hi from two'), LONG);

      const added = await bob.emitWithAck('add_video', {
        roomId: 'cross',
        video: { url: videoUrl(1) },
      });
      if (!added.ok) throw new Error(added.error.message);
      // Processing first, then resolved (by process two) with its media path.
      await eventually(
        () => queues.some((q) => q.some((item) => item.id === added.item.id && item.mp4Url)),
        LONG,
      );
    },
    LONG * 2,
  );

  it(
    'concurrent add_video from both processes loses nothing',
    async () => {
      const alice = await join(one, 'many', 'alice');
      const bob = await join(two, 'many', 'bob');
      const adds = Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? alice : bob).emitWithAck('add_video', {
          roomId: 'many',
          video: { url: videoUrl(100 + i) },
        }),
      );
      const acks = await Promise.all(adds);
      expect(acks.every((ack) => ack.ok)).toBe(true);
      const queues = collect(alice, 'update_queue');
      await eventually(
        () => (queues.at(-1) ?? []).filter((item) => item.mp4Url).length === 16,
        LONG,
      );
      // A newcomer on either process reads the same sixteen items.
      for (const server of [one, two]) {
        const carol = await join(server, 'many', `carol-${server.port}`);
        const state = await carol.emitWithAck('join_room', {
          roomId: 'many',
          userId: `carol-${server.port}`,
        });
        if (!state.ok) throw new Error(state.error.message);
        expect(state.room.queue.map((item) => item.videoId).sort()).toEqual(
          Array.from({ length: 16 }, (_, i) => genericId(100 + i)).sort(),
        );
      }
    },
    LONG * 2,
  );

  it(
    'the end of a clip advances the room exactly once with members on both processes',
    async () => {
      const alice = await join(one, 'advance', 'alice');
      const bob = await join(two, 'advance', 'bob');
      for (const n of [201, 202, 203]) {
        const ack = await alice.emitWithAck('add_video', {
          roomId: 'advance',
          video: { url: videoUrl(n) },
        });
        if (!ack.ok) throw new Error(ack.error.message);
      }
      const queues = collect(bob, 'update_queue');
      await eventually(
        () => (queues.at(-1) ?? []).filter((item) => item.mp4Url).length === 3,
        LONG,
      );
      const first = queues.at(-1)?.[0];
      if (!first) throw new Error('no first clip');
      const shortened = await alice.emitWithAck('media_duration', {
        roomId: 'advance',
        itemId: first.id,
        duration: 2.5,
      });
      expect(shortened).toEqual({ ok: true, accepted: true });
      const indexOne = collect(alice, 'update_index');
      const indexTwo = collect(bob, 'update_index');
      const played = await alice.emitWithAck('player_play', { roomId: 'advance', time: 0 });
      if (!played.ok) throw new Error(played.error.message);

      await eventually(() => indexOne.includes(1) && indexTwo.includes(1), LONG);
      // A marker sent after both timers were due arrives after anything they caused.
      const markers = collect(alice, 'new_message');
      await bob.emitWithAck('send_message', { roomId: 'advance', message: 'marker' });
      await eventually(() => markers.some((m) => m.text === 'marker'), LONG);
      expect(indexOne).toEqual([1]);
      expect(indexTwo).toEqual([1]);
    },
    LONG * 2,
  );

  it(
    'the other process ends the clip when the process that started it has died',
    async () => {
      const alice = await join(one, 'orphan', 'alice');
      const bob = await join(two, 'orphan', 'bob');
      const queues = collect(bob, 'update_queue');
      for (const n of [401, 402]) {
        const ack = await alice.emitWithAck('add_video', {
          roomId: 'orphan',
          video: { url: videoUrl(n) },
        });
        if (!ack.ok) throw new Error(ack.error.message);
      }
      await eventually(
        () => (queues.at(-1) ?? []).filter((item) => item.mp4Url).length === 2,
        LONG,
      );
      const indexes = collect(bob, 'update_index');
      const played = await alice.emitWithAck('player_play', { roomId: 'orphan', time: 0 });
      if (!played.ok) throw new Error(played.error.message);
      // Process one wrote the play and aimed its timer; it dies before the clip ends.
      await one.kill('SIGKILL');
      await eventually(() => indexes.includes(1), LONG);
      expect(indexes).toEqual([1]);
      await one.restart();
    },
    LONG * 2,
  );

  it(
    'a dropped connection recovers on the other process, with the events it missed',
    async () => {
      const proxy = await SwitchingProxy.start(one.port);
      try {
        const alice = await join(one, 'recover', 'alice');
        const carol = await member(proxy.url, 'recover', 'carol');
        sockets.push(carol);
        const heard = collect(carol, 'new_message');
        const reconnected = new Promise<boolean>((resolve) => {
          carol.once('connect', () => {
            resolve(carol.recovered);
          });
        });
        // The network drops; meanwhile the load balancer sends her to the other process.
        carol.io.reconnectionDelay(1000).reconnectionDelayMax(1000);
        proxy.pointAt(two.port);
        proxy.dropAll();
        const missed = await alice.emitWithAck('send_message', {
          roomId: 'recover',
          message: 'while you were away',
        });
        expect(missed.ok).toBe(true);
        expect(await reconnected).toBe(true);
        await eventually(() => heard.some((m) => m.text === 'while you were away'), LONG);
        // She is still in the room, served by process two now.
        const back = await carol.emitWithAck('send_message', { roomId: 'recover', message: 'hi' });
        expect(back.ok).toBe(true);
      } finally {
        await proxy.close();
      }
    },
    LONG * 2,
  );

  it(
    'a big room: a connection recovered on the other process gets the batched changes it missed',
    async () => {
      const roomId = 'big-recover';
      const opener = await openRoom(one, roomId, '127.0.7.30');
      // Enough people for the room's changes to be batched, on both processes.
      for (let i = 0; i < BATCH_FROM_RECIPIENTS; i++) {
        const server = i % 2 === 0 ? one : two;
        const socket = await connect(server.url, {}, { localAddress: `127.0.7.${31 + (i % 4)}` });
        sockets.push(socket);
        await enter(socket, roomId, `m${i}`, `M${i}`);
      }
      const proxy = await SwitchingProxy.start(one.port);
      try {
        // The web app's client: protocol 3, and it relies on recovery (no join again).
        const carol: TestSocket = io(proxy.url, {
          transports: ['websocket'],
          forceNew: true,
          reconnectionDelay: 1000,
          reconnectionDelayMax: 1000,
        });
        sockets.push(carol);
        await new Promise<void>((resolve) => carol.once('connect', resolve));
        await enter(carol, roomId, 'carol', 'Carol');
        const texts: string[] = [];
        const offsets: string[] = [];
        const read = (delta: RoomDelta, offset?: string): void => {
          if (offset !== undefined) offsets.push(offset);
          for (const change of delta.changes) {
            if (change.kind === 'message') texts.push(change.message.text);
          }
        };
        carol.on('room_delta', read);
        carol.on('room_deltas', (deltas, offset) => {
          for (const delta of deltas) read(delta, offset);
        });
        const reconnected = new Promise<boolean>((resolve) => {
          carol.once('connect', () => {
            resolve(carol.recovered);
          });
        });
        // Her batches carry a position in the processes' stream: recovery starts there.
        await eventually(() => offsets.length > 0, LONG);
        // The network drops; meanwhile the load balancer sends her to the other process.
        proxy.pointAt(two.port);
        proxy.dropAll();
        const missed = await opener.emitWithAck('send_message', {
          roomId,
          message: 'while you were away',
        });
        expect(missed.ok).toBe(true);
        expect(await reconnected).toBe(true);
        await eventually(() => texts.includes('while you were away'), LONG);
      } finally {
        await proxy.close();
      }
    },
    LONG * 2,
  );

  it(
    'kill -9 of a process with clients in the room: after a restart they are back and nothing is lost',
    async () => {
      const alice = await join(one, 'crash', 'alice');
      const bob = await join(two, 'crash', 'bob');
      const added = await alice.emitWithAck('add_video', {
        roomId: 'crash',
        video: { url: videoUrl(301) },
      });
      if (!added.ok) throw new Error(added.error.message);
      for (const text of ['one', 'two', 'three']) {
        const sent = await alice.emitWithAck('send_message', { roomId: 'crash', message: text });
        expect(sent.ok).toBe(true);
      }
      const bobUsers = collect(bob, 'room_users');
      const aliceStates = collect(alice, 'room_state');

      await one.kill('SIGKILL');
      await one.restart();

      // Alice's client reconnected by itself, joined again and got the whole room.
      await eventually(() => aliceStates.length > 0, LONG);
      const state = aliceStates.at(-1);
      expect(state?.messages.map((m) => m.text)).toEqual(
        expect.arrayContaining(['one', 'two', 'three']),
      );
      expect(state?.queue.map((item) => item.videoId)).toEqual([genericId(301)]);
      // She came back as herself (her token), so the room still has two people.
      const both = [idOf(alice), idOf(bob)].sort();
      expect(state?.users.map((u) => u.id).sort()).toEqual(both);
      // Bob on the other process still sees her, and her chat reaches him again.
      expect(
        bobUsers
          .at(-1)
          ?.map((u) => u.id)
          .sort() ?? both,
      ).toEqual(both);
      const heard = collect(bob, 'new_message');
      const sent = await alice.emitWithAck('send_message', { roomId: 'crash', message: 'back' });
      expect(sent.ok).toBe(true);
      await eventually(() => heard.some((m) => m.text === 'back'), LONG);
    },
    LONG * 3,
  );

  it(
    'a reaction sent on one process reaches the room on the other, once',
    async () => {
      const alice = await join(one, 'react-cross', 'alice');
      const bob = await join(two, 'react-cross', 'bob');
      const heard = collect(alice, 'reaction');
      const sent = await bob.emitWithAck('send_reaction', {
        roomId: 'react-cross',
        emoji: '👏',
        itemId: 3,
        clipTime: 4.25,
      });
      if (!sent.ok) throw new Error(sent.error.message);
      await eventually(() => heard.length > 0, LONG);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([sent.reaction]);
      expect(sent.reaction).toMatchObject({ userId: idOf(bob), itemId: 3, clipTime: 4.25 });
    },
    LONG,
  );

  it(
    'a member kicked on one process leaves the room on the process that serves them',
    async () => {
      const alice = await join(one, 'kick-cross', 'alice');
      const bob = await joinAs(two.url, 'kick-cross', 'bob', 'bob');
      const carol = { socket: await connect(two.url) };
      sockets.push(bob.socket, carol.socket);
      const bobId = bob.ack.user.id;
      // Process two's list of players (its sync registry) shows Bob, and so does presence.
      const lists = collect(carol.socket, 'sync_members');
      const joined = await carol.socket.emitWithAck('join_room', {
        roomId: 'kick-cross',
        userId: 'carol',
        name: 'carol',
        protocolVersion: WHOLE_LIST_PROTOCOL,
      });
      expect(joined.ok).toBe(true);
      // A player is listed once it reports how it is doing.
      await bob.socket.emitWithAck('sync_report', { roomId: 'kick-cross', status: 'buffering' });
      await eventually(() => (lists.at(-1) ?? []).some((m) => m.id === bobId), LONG);
      const redis = new Redis(cluster.redisUrl);
      const presenceKey = `${cluster.prefix}presence:${JSON.stringify(['kick-cross', bobId])}`;
      try {
        expect(await redis.exists(presenceKey)).toBe(1);
        const removed = next(bob.socket, 'removed_from_room', LONG);
        const kicked = await alice.emitWithAck('kick_member', {
          roomId: 'kick-cross',
          userId: bobId,
        });
        expect(kicked.ok).toBe(true);
        expect(await removed).toEqual({ roomId: 'kick-cross', reason: 'kicked', by: 'alice' });
        await eventually(() => !(lists.at(-1) ?? []).some((m) => m.id === bobId), LONG);
        await eventuallyAsync(async () => (await redis.exists(presenceKey)) === 0, LONG);
      } finally {
        redis.disconnect();
      }
      // Process two no longer counts Bob in the room: his room events are refused...
      const sent = await bob.socket.emitWithAck('send_message', {
        roomId: 'kick-cross',
        message: 'still here?',
      });
      expect(sent).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_IN_ROOM } });
      // ...and nothing of the room reaches him any more.
      const heardByBob: string[] = [];
      bob.socket.onAny((event: string) => heardByBob.push(event));
      const heardByCarol = collect(carol.socket, 'new_message');
      await alice.emitWithAck('send_message', { roomId: 'kick-cross', message: 'after' });
      await eventually(() => heardByCarol.some((m) => m.text === 'after'), LONG);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heardByBob).toEqual([]);
    },
    LONG * 2,
  );

  it(
    'a connection’s session and its first sync list reach it without crossing Redis',
    async () => {
      const redis = new Redis(cluster.redisUrl);
      const stream = `${cluster.prefix}socket.io`;
      try {
        const before = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
        const clients = await Promise.all([one, two, one, two].map((s) => connect(s.url)));
        sockets.push(...clients);
        const sessions = await Promise.all(clients.map((client) => sessionOf(client)));
        expect(new Set(sessions.map((session) => session.userId)).size).toBe(4);
        // A join still crosses (the room's other process must hear of it): the stream works.
        let lists: unknown[] = [];
        await openRoom(two, 'session-stream', '127.0.7.7', (carol) => {
          lists = collect(carol, 'sync_members');
        });
        await eventually(() => lists.length > 0);
        const after = await redis.xrange(stream, `(${before}`, '+');
        const entries = after.map(([, fields]) => fields.join(' '));
        expect(entries.some((entry) => entry.includes('session-stream'))).toBe(true);
        expect(entries.filter((entry) => entry.includes('"session"'))).toEqual([]);
        expect(entries.filter((entry) => entry.includes('"sync_members"'))).toEqual([]);
      } finally {
        redis.disconnect();
      }
    },
    LONG,
  );

  it(
    'chat and joins ask no other process to read the room back; a play announces its new timers',
    async () => {
      const announced = await overhear(
        cluster,
        (text) => text.includes('room_changed') && text.includes('plan-stream'),
      );
      const announcements = announced.messages;
      try {
        await openRoom(one, 'plan-stream', '127.0.7.8');
        const alice = await join(one, 'plan-stream', 'alice');
        const bob = await join(two, 'plan-stream', 'bob');
        const queues = collect(bob, 'update_queue');
        const added = await alice.emitWithAck('add_video', {
          roomId: 'plan-stream',
          video: { url: videoUrl(801) },
        });
        if (!added.ok) throw new Error(added.error.message);
        await eventually(() => Boolean(queues.at(-1)?.[0]?.mp4Url), LONG);
        // The last announcement of the set-up has arrived: a marker sent after it follows it.
        const markers = collect(alice, 'new_message');
        await bob.emitWithAck('send_message', { roomId: 'plan-stream', message: 'marker' });
        await eventually(() => markers.length === 1, LONG);

        announcements.length = 0;
        for (const text of ['one', 'two', 'three']) {
          const sent = await bob.emitWithAck('send_message', {
            roomId: 'plan-stream',
            message: text,
          });
          expect(sent.ok).toBe(true);
        }
        await join(two, 'plan-stream', 'carol');
        await join(one, 'plan-stream', 'dave');
        await eventually(() => markers.length === 4, LONG);
        // Everyone heard it all, and no process was asked to read the room back for it.
        expect(announcements).toEqual([]);

        const played = await bob.emitWithAck('player_play', { roomId: 'plan-stream', time: 0 });
        if (!played.ok) throw new Error(played.error.message);
        await eventually(() => announcements.length > 0, LONG);
      } finally {
        announced.close();
      }
    },
    LONG * 2,
  );

  it(
    'the media path plays a queued video on the process that never resolved it, even once the shared cache forgot it',
    async () => {
      const alice = await join(one, 'media', 'alice');
      const queues = collect(alice, 'update_queue');
      const added = await alice.emitWithAck('add_video', {
        roomId: 'media',
        video: { url: videoUrl(700) },
      });
      if (!added.ok) throw new Error(added.error.message);
      await eventually(
        () => (queues.at(-1) ?? []).some((item) => item.id === added.item.id && item.mp4Url),
        LONG,
      );
      const item = queues.at(-1)?.find((entry) => entry.id === added.item.id);
      if (!item?.mp4Url || item.videoId === undefined) throw new Error('not resolved');
      // Resolved by process one; the shared cache then forgets it (an expiry, an eviction).
      const redis = new Redis(cluster.redisUrl);
      try {
        expect(await redis.del(`${cluster.prefix}resolver:video:${item.videoId}`)).toBe(1);
      } finally {
        redis.disconnect();
      }
      const size = cluster.fake.video.length;
      const partial = await fetch(`${two.url}${item.mp4Url}`, {
        headers: { range: 'bytes=100-199' },
      });
      expect(partial.status).toBe(206);
      expect(partial.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
      const body = Buffer.from(await partial.arrayBuffer());
      expect(body.equals(cluster.fake.video.subarray(100, 200))).toBe(true);
    },
    LONG * 2,
  );

  it(
    'the people of a process that died leave its rooms within seconds (no ghosts)',
    async () => {
      const alice = await join(one, 'ghosts', 'alice');
      const bob = await join(two, 'ghosts', 'bob');
      const bobId = idOf(bob);
      const lines = collect(alice, 'system_message');
      const lists = collect(alice, 'room_users');
      await two.kill('SIGKILL');
      // Bob's client gives up; the dead process could not say he left.
      bob.disconnect();
      const killedAt = Date.now();
      await eventually(() => lines.some((line) => line.text === 'bob left'), LONG);
      const tookMs = Date.now() - killedAt;
      expect(lists.at(-1)?.map((user) => user.id)).toEqual([idOf(alice)]);
      expect(lists.at(-1)?.some((user) => user.id === bobId)).toBe(false);
      // Heartbeat TTL (8 s) plus one reaping round (3 s), with room to spare.
      expect(tookMs).toBeLessThan(20_000);
      await two.restart();
    },
    LONG * 2,
  );
});
