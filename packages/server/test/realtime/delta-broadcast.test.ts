import type { RelayedDelta, RoomDelta } from '@wt/protocol';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_FROM_RECIPIENTS, DeltaBroadcast } from '../../src/realtime/delta-broadcast.js';
import { deltaChannelOf } from '../../src/realtime/room-channels.js';
import type { WatchServer } from '../../src/realtime/types.js';
import { eventually } from '../support/client.js';

const ROOM = 'crowd';
const delta = (rev: number): RoomDelta => ({ rev, changes: [] });

/** What one client of the room was sent: each packet's revisions, alone or together. */
function packetsOf(socket: Socket): number[][] {
  const packets: number[][] = [];
  socket.on('room_delta', (one: RoomDelta) => packets.push([one.rev]));
  socket.on('room_deltas', (many: RoomDelta[]) => packets.push(many.map((d) => d.rev)));
  return packets;
}

describe('DeltaBroadcast: batches by the whole room, not by this process’s share', () => {
  let http: HttpServer;
  let io: WatchServer;
  let broadcast: DeltaBroadcast;
  let client: Socket;

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    io.on('connection', (socket) => {
      void socket.join(deltaChannelOf(ROOM));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
    client = connect(`http://127.0.0.1:${address.port}`, {
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise<void>((resolve) => client.once('connect', resolve));
    await eventually(() => io.of('/').adapter.rooms.get(deltaChannelOf(ROOM))?.size === 1);
    broadcast = new DeltaBroadcast(io, 50);
  });
  afterEach(async () => {
    broadcast.close();
    client.disconnect();
    await io.close();
  });

  it('one member here of a big room (the rest on other processes): a burst goes in batches', async () => {
    const packets = packetsOf(client);
    for (let rev = 1; rev <= 4; rev++) broadcast.send(ROOM, delta(rev), BATCH_FROM_RECIPIENTS * 10);
    await eventually(() => packets.flat().length === 4);
    expect(packets.flat()).toEqual([1, 2, 3, 4]);
    expect(packets).toEqual([[1], [2, 3, 4]]);
  });

  it('a small room gets every change at once', async () => {
    const packets = packetsOf(client);
    for (let rev = 1; rev <= 4; rev++) broadcast.send(ROOM, delta(rev), 3);
    await eventually(() => packets.flat().length === 4);
    expect(packets.flat()).toEqual([1, 2, 3, 4]);
    expect(packets).toEqual([[1], [2], [3], [4]]);
  });

  describe('with other processes (a relay)', () => {
    let relayed: RelayedDelta[];
    let clustered: DeltaBroadcast;
    beforeEach(() => {
      relayed = [];
      clustered = new DeltaBroadcast(io, 50, BATCH_FROM_RECIPIENTS, {
        publish: (one) => relayed.push(one),
        retainMs: 15_000,
        offset: () => '1700000000000-3',
      });
    });
    afterEach(() => {
      clustered.close();
    });

    it('a big room: its changes are told to the others, and theirs batched with them in revision order', async () => {
      const packets = packetsOf(client);
      const offsets: unknown[] = [];
      client.on('room_deltas', (_deltas: RoomDelta[], offset: unknown) => offsets.push(offset));
      const members = BATCH_FROM_RECIPIENTS * 10;
      clustered.send(ROOM, delta(1), members);
      clustered.received({ roomId: ROOM, members, delta: delta(3) });
      clustered.send(ROOM, delta(2), members);
      await eventually(() => packets.flat().length === 3);
      expect(packets).toEqual([[1], [2, 3]]);
      // With the stream's position, so that a member can recover from it.
      expect(offsets).toEqual(['1700000000000-3']);
      expect(relayed).toEqual([
        { roomId: ROOM, members, delta: delta(1) },
        { roomId: ROOM, members, delta: delta(2) },
      ]);
    });

    it('a small room: every change at once through the adapter, nothing relayed', async () => {
      const packets = packetsOf(client);
      for (let rev = 1; rev <= 3; rev++) clustered.send(ROOM, delta(rev), 3);
      await eventually(() => packets.flat().length === 3);
      expect(packets).toEqual([[1], [2], [3]]);
      expect(relayed).toEqual([]);
    });

    it('a connection that recovers is sent the big room’s changes of the grace again, in one packet', async () => {
      const members = BATCH_FROM_RECIPIENTS * 10;
      clustered.send(ROOM, delta(1), members);
      clustered.received({ roomId: ROOM, members, delta: delta(2) });
      clustered.send(ROOM, delta(3), members);
      clustered.send('small', delta(9), 3);
      const packets = packetsOf(client);
      const id = client.id;
      if (id === undefined) throw new Error('not connected');
      clustered.replay(id, ROOM);
      await eventually(() => packets.some((packet) => packet.length === 3));
      expect(packets.find((packet) => packet.length === 3)).toEqual([1, 2, 3]);
      // A small room's changes went through the adapter, which replays them itself.
      clustered.replay(id, 'small');
      broadcast.send(ROOM, delta(10), 3);
      await eventually(() => packets.flat().includes(10));
      expect(packets.flat().includes(9)).toBe(false);
    });
  });
});
