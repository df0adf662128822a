import { PROTOCOL_VERSION, type RoomDelta } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryRoomStore } from '../../src/store/memory-room-store.js';
import type { VersionedRoom } from '../../src/store/room-store.js';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The memory store, counting the whole-room reads a join's answer costs. */
class CountingStore extends MemoryRoomStore {
  versionedReads = 0;

  override getVersioned(roomId: string): Promise<VersionedRoom | undefined> {
    this.versionedReads++;
    return super.getVersioned(roomId);
  }
}

describe('the room a join is answered with', () => {
  let server: TestServer;
  let store: CountingStore;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    store = new CountingStore();
    server = await startTestServer({}, { store });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  it('is, for a client that takes deltas, the room as its join stored it: nothing is read back', async () => {
    const alice = await joinAs(server.url, 'answer', 'alice', 'Alice', PROTOCOL_VERSION);
    sockets.push(alice.socket);
    const deltas = collect(alice.socket, 'room_delta');
    const before = store.versionedReads;
    const bob = await joinAs(server.url, 'answer', 'bob', 'Bob', PROTOCOL_VERSION);
    sockets.push(bob.socket);
    expect(store.versionedReads).toBe(before);
    // The revision it carries is the join's own: the change everyone else was sent for it.
    await eventually(() => deltas.length > 0);
    const joinDelta: RoomDelta | undefined = deltas.find((delta) =>
      delta.changes.some((change) => change.kind === 'member_joined'),
    );
    expect(bob.ack.room.rev).toBe(joinDelta?.rev);
    expect(bob.ack.room.users.map((user) => user.name)).toEqual(['Alice', 'Bob']);
  });

  it('is read as it is now for the seed’s client, which shows whatever arrives last', async () => {
    const alice = await joinAs(server.url, 'seed-answer', 'alice', 'Alice', PROTOCOL_VERSION);
    sockets.push(alice.socket);
    const before = store.versionedReads;
    // No protocol version: the seed's own client.
    const carol = await joinAs(server.url, 'seed-answer', 'carol', 'Carol', null);
    sockets.push(carol.socket);
    expect(store.versionedReads).toBeGreaterThan(before);
  });
});
