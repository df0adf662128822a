import type { MemberSync } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { SYNC_PARTIAL_REFRESH_MS } from '../../src/sync/sync-partials.js';
import { overhear } from './between-processes.js';
import { startTwoProcesses, type TwoProcesses } from './two-processes.js';

const LONG = 30_000;

/**
 * Each process knows how its own connections' players are doing; the people in a room are
 * spread over both. Everyone must still see everyone's sync status.
 */
describe('sync statuses across two processes', () => {
  let cluster: TwoProcesses;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startTwoProcesses();
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster.stop();
  });

  const byId = (list: readonly MemberSync[] | undefined) =>
    Object.fromEntries((list ?? []).map((entry) => [entry.id, entry.status]));
  /** A list as comparable text: each person's status, by id. */
  const shown = (list: readonly MemberSync[] | undefined) =>
    JSON.stringify(Object.entries(byId(list)).sort(([a], [b]) => a.localeCompare(b)));

  it(
    "a client on either process sees the statuses of players on both, and a departure's",
    async () => {
      const alice = await joinAs(cluster.one.url, 'statuses', 'alice', 'alice');
      const bob = await joinAs(cluster.two.url, 'statuses', 'bob', 'bob');
      sockets.push(alice.socket, bob.socket);
      const seenByAlice = collect(alice.socket, 'sync_members');
      const seenByBob = collect(bob.socket, 'sync_members');
      const aliceId = alice.ack.user.id;
      const bobId = bob.ack.user.id;

      await alice.socket.emitWithAck('sync_report', { roomId: 'statuses', status: 'in_sync' });
      await bob.socket.emitWithAck('sync_report', { roomId: 'statuses', status: 'buffering' });
      const both = shown([
        { id: aliceId, status: 'in_sync' },
        { id: bobId, status: 'buffering' },
      ]);
      await eventually(
        () => shown(seenByAlice.at(-1)) === both && shown(seenByBob.at(-1)) === both,
        LONG,
      );
      // Every list after both reported is the whole room, never one process's half.
      const firstWhole = (lists: MemberSync[][]) =>
        lists.findIndex((list) => Object.keys(byId(list)).length === 2);
      for (const lists of [seenByAlice, seenByBob]) {
        for (const list of lists.slice(firstWhole(lists))) {
          expect(Object.keys(byId(list)).sort()).toEqual([aliceId, bobId].sort());
        }
      }

      await bob.socket.emitWithAck('sync_report', { roomId: 'statuses', status: 'in_sync' });
      await eventually(() => byId(seenByAlice.at(-1))[bobId] === 'in_sync', LONG);

      bob.socket.disconnect();
      const aliceAlone = shown([{ id: aliceId, status: 'in_sync' }]);
      await eventually(() => shown(seenByAlice.at(-1)) === aliceAlone, LONG);
    },
    LONG * 3,
  );

  it(
    'each process repeats its shares of every room together, in one message',
    async () => {
      const refreshes = await overhear(cluster, (text) => text.includes('sync_partials'));
      try {
        const rooms = ['refresh-a', 'refresh-b', 'refresh-c'];
        for (const roomId of rooms) {
          const { socket } = await joinAs(cluster.two.url, roomId, 'dana', 'dana');
          sockets.push(socket);
          await socket.emitWithAck('sync_report', { roomId, status: 'in_sync' });
        }
        await eventually(
          () => refreshes.messages.some((text) => rooms.every((roomId) => text.includes(roomId))),
          SYNC_PARTIAL_REFRESH_MS + LONG,
        );
      } finally {
        refreshes.close();
      }
    },
    SYNC_PARTIAL_REFRESH_MS + LONG * 2,
  );
});
