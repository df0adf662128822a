import { afterEach, describe, expect, it } from 'vitest';
import { collect, joinAs, next, type TestSocket, WHOLE_LIST_PROTOCOL } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { sleep } from './players.js';

/** `sync_members` on one process: who is in sync, as everyone sees it. */
describe('sync_members', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    server = undefined;
  });

  it('is sent again only when what it shows changed', async () => {
    server = await startTestServer();
    const alice = await joinAs(server.url, 'quiet', 'alice', 'Alice');
    sockets.push(alice.socket);
    const aliceId = alice.ack.user.id;
    const shown = next(alice.socket, 'sync_members', 2_000);
    await alice.socket.emitWithAck('sync_report', { roomId: 'quiet', status: 'in_sync' });
    expect(await shown).toEqual([{ id: aliceId, status: 'in_sync' }]);

    // People coming and going who report nothing change nobody's status: no list travels.
    const lists = collect(alice.socket, 'sync_members');
    for (const name of ['Bob', 'Cy', 'Dee']) {
      const { socket } = await joinAs(server.url, 'quiet', name, name, WHOLE_LIST_PROTOCOL);
      sockets.push(socket);
    }
    sockets.pop()?.disconnect();
    await sleep(600);
    expect(lists).toEqual([]);

    // A change is still sent, once.
    const bob = sockets[1];
    if (!bob) throw new Error('no Bob');
    await bob.emitWithAck('sync_report', { roomId: 'quiet', status: 'buffering' });
    await sleep(600);
    expect(lists).toHaveLength(1);
    expect(lists[0]).toHaveLength(2);
  });
});
