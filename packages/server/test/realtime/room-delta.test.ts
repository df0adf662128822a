import type { RoomChange, RoomDelta } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_FROM_RECIPIENTS } from '../../src/realtime/delta-broadcast.js';
import { SEED_USERS_INTERVAL_MS } from '../../src/realtime/seed-users-broadcast.js';
import { collect, connect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const VIDEO_A = 'https://www.tiktok.com/@alice/video/7400000000000000001';

describe('protocol 3: the room as ordered deltas', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    // A crowd of a room's size from one test address: the per-address limit is not under test.
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: '1000' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  /** Every envelope a socket gets, alone (`room_delta`) or together (`room_deltas`), in order. */
  function envelopes(socket: TestSocket) {
    const all: RoomDelta[] = [];
    const packets = { single: 0, batched: 0 };
    socket.on('room_delta', (delta) => {
      packets.single++;
      all.push(delta);
    });
    socket.on('room_deltas', (deltas) => {
      packets.batched++;
      all.push(...deltas);
    });
    return { all, packets };
  }

  /** A protocol 3 client that records everything from before its join on. */
  async function deltaClient(roomId: string, userId: string, name: string) {
    const socket = await connect(server.url);
    sockets.push(socket);
    const received = envelopes(socket);
    const deltas = received.all;
    const roomStates = collect(socket, 'room_state');
    const queues = collect(socket, 'update_queue');
    const users = collect(socket, 'room_users');
    const ack = await socket.emitWithAck('join_room', { roomId, userId, name, protocolVersion: 3 });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket, ack, deltas, packets: received.packets, roomStates, queues, users };
  }

  /** The deltas after the joiner's own room, as a client applies them. */
  const after = (rev: number, deltas: RoomDelta[]) => deltas.filter((delta) => delta.rev > rev);
  const kinds = (deltas: RoomDelta[]) =>
    deltas.flatMap((delta) => delta.changes.map((change) => change.kind));

  it('answers the join once, with the revision, and sends each change once, in order', async () => {
    const ana = await deltaClient('d1', 'ana', 'Ana');
    expect(ana.ack.room.rev).toBeGreaterThan(0);
    expect(ana.ack.room.users).toEqual([ana.ack.user]);

    const bo = await joinAs(server.url, 'd1', 'bo', 'Bo');
    sockets.push(bo.socket);
    const added = await ana.socket.emitWithAck('add_video', {
      roomId: 'd1',
      video: { url: VIDEO_A },
    });
    expect(added.ok).toBe(true);
    await ana.socket.emitWithAck('send_message', { roomId: 'd1', message: 'hi' });
    await eventually(() =>
      kinds(after(ana.ack.room.rev ?? 0, ana.deltas)).includes('item_updated'),
    );

    const seen = after(ana.ack.room.rev ?? 0, ana.deltas);
    // One revision per stored change, none missing, none twice.
    const revs = seen.map((delta) => delta.rev);
    const first = (ana.ack.room.rev ?? 0) + 1;
    expect(revs).toEqual(revs.map((_, i) => first + i));
    const changes: RoomChange[] = seen.flatMap((delta) => delta.changes);
    expect(changes).toContainEqual({ kind: 'member_joined', user: bo.ack.user });
    const addedItem = changes.find((change) => change.kind === 'item_added');
    expect(addedItem).toMatchObject({ item: { url: VIDEO_A, isProcessing: true } });
    const updated = changes.find((change) => change.kind === 'item_updated');
    expect(updated).toMatchObject({ item: { isProcessing: false } });
    expect(changes.filter((change) => change.kind === 'message')).toHaveLength(1);
    // The whole-list events never reach it; its join was answered once.
    expect(ana.roomStates).toEqual([]);
    expect(ana.queues).toEqual([]);
    expect(ana.users).toEqual([]);
  });

  it('gives clients of protocol 2 and the seed whole lists, never deltas', async () => {
    const ana = await deltaClient('d2', 'ana', 'Ana');
    const old = await joinAs(server.url, 'd2', 'old', 'Old', 2);
    const seed = await joinAs(server.url, 'd2', 'seed', 'Seed', null);
    sockets.push(old.socket, seed.socket);
    const oldDeltas = envelopes(old.socket).all;
    const seedDeltas = envelopes(seed.socket).all;
    const oldQueues = collect(old.socket, 'update_queue');
    const seedQueues = collect(seed.socket, 'update_queue');
    await ana.socket.emitWithAck('add_video', { roomId: 'd2', video: { url: VIDEO_A } });
    await eventually(() => seedQueues.some((queue) => queue[0]?.isProcessing === false));
    await eventually(() => oldQueues.some((queue) => queue[0]?.isProcessing === false));
    expect(oldQueues[0]).toHaveLength(1);
    expect(oldDeltas).toEqual([]);
    expect(seedDeltas).toEqual([]);
  });

  it('a join costs each member one small change, however many are there', async () => {
    const ana = await deltaClient('d3', 'ana', 'Ana');
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const before = ana.deltas.length;
      const guest = await joinAs(server.url, 'd3', `guest-${i}`, `Guest ${i}`, 3);
      sockets.push(guest.socket);
      await eventually(() => ana.deltas.length > before);
      const joined = ana.deltas
        .slice(before)
        .find((delta) => delta.changes.some((change) => change.kind === 'member_joined'));
      sizes.push(JSON.stringify(joined).length);
    }
    // The 30th join is announced with as many bytes as the first (give or take the digits).
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(16);
  });

  it('sends a big room a crowd joining in batches, every revision once and in order', async () => {
    const ana = await deltaClient('d5', 'ana', 'Ana');
    const crowd = BATCH_FROM_RECIPIENTS + 10;
    await Promise.all(
      Array.from({ length: crowd }, async (_, i) => {
        const guest = await joinAs(server.url, 'd5', `g${i}`, `G${i}`, 3);
        sockets.push(guest.socket);
      }),
    );
    const base = ana.ack.room.rev ?? 0;
    const joinedLines = () =>
      after(base, ana.deltas)
        .flatMap((d) => d.changes)
        .filter((c) => c.kind === 'member_joined').length;
    await eventually(() => joinedLines() === crowd);
    const revs = after(base, ana.deltas).map((delta) => delta.rev);
    expect(revs).toEqual(revs.map((_, i) => base + 1 + i));
    // Fewer packets than changes: the busy moment went out in batches.
    expect(ana.packets.batched).toBeGreaterThan(0);
    expect(ana.packets.single + ana.packets.batched).toBeLessThan(revs.length);
  });

  it('never holds back the changes of a small room', async () => {
    const ana = await deltaClient('d6', 'ana', 'Ana');
    const bo = await joinAs(server.url, 'd6', 'bo', 'Bo', 3);
    sockets.push(bo.socket);
    const before = { ...ana.packets };
    await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((message) =>
        bo.socket.emitWithAck('send_message', { roomId: 'd6', message }),
      ),
    );
    const messages = () =>
      ana.deltas.flatMap((d) => d.changes).filter((c) => c.kind === 'message').length;
    await eventually(() => messages() === 5);
    expect(ana.packets.batched).toBe(before.batched);
    expect(ana.packets.single - before.single).toBe(5);
  });

  it('folds a crowd joining into a few whole member lists for seed clients', async () => {
    const seed = await joinAs(server.url, 'd4', 'seed', 'Seed', null);
    sockets.push(seed.socket);
    const lists = collect(seed.socket, 'room_users');
    const counts = collect(seed.socket, 'room_users_count');
    const crowd = 40;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: crowd }, async (_, i) => {
        const guest = await joinAs(server.url, 'd4', `g${i}`, `G${i}`, null);
        sockets.push(guest.socket);
      }),
    );
    await eventually(() => lists.at(-1)?.length === crowd + 1);
    const windows = Math.ceil((Date.now() - started) / SEED_USERS_INTERVAL_MS) + 1;
    // Whole lists at most once per interval (plus the first), the last one complete.
    expect(lists.length).toBeLessThanOrEqual(windows + 1);
    expect(lists.length).toBeLessThan(crowd);
    expect(counts.at(-1)).toBe(crowd + 1);
    expect(new Set(lists.at(-1)?.map((user) => user.id)).size).toBe(crowd + 1);
  });
});
