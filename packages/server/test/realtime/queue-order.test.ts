import type { RoomChange, RoomDelta, VideoItem } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genericId } from '../fake-tiktok/catalog.js';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const link = (n: number) => `https://www.tiktok.com/@creator/video/${genericId(n)}`;
const idsOf = (queue: readonly VideoItem[]) => queue.map((item) => item.id);

describe('queue order: move_video, play_next, shuffle_queue, clear_queue', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  /** A seed client (no protocol), a protocol 3 client, and a queue of four resolved clips. */
  async function room(roomId: string) {
    const seed = await joinAs(server.url, roomId, 'seed', 'Seed', null);
    const delta = await joinAs(server.url, roomId, 'delta', 'Delta', 3);
    sockets.push(seed.socket, delta.socket);
    const queues = collect(seed.socket, 'update_queue');
    const wholeListsToDelta = collect(delta.socket, 'update_queue');
    const ids: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const added = await delta.socket.emitWithAck('add_video', {
        roomId,
        video: { url: link(n) },
      });
      if (!added.ok) throw new Error(added.error.message);
      ids.push(added.item.id);
    }
    // Every clip resolved: no resolver update comes between the changes the test makes.
    await eventually(
      () => queues.at(-1)?.filter((item) => item.isProcessing === false).length === 4,
    );
    queues.length = 0;
    const indexes = collect(seed.socket, 'update_index');
    const changes: RoomChange[] = [];
    const take = (d: RoomDelta) => changes.push(...d.changes);
    delta.socket.on('room_delta', take);
    delta.socket.on('room_deltas', (all) => {
      all.forEach(take);
    });
    return {
      seed: seed.socket,
      delta: delta.socket,
      ids,
      queues,
      indexes,
      changes,
      wholeListsToDelta,
    };
  }

  it('move_video by item id: seed clients get update_queue and update_index, protocol 3 a queue_order', async () => {
    const r = await room('q1');
    const [a, b, c, d] = r.ids;
    // Play the second clip, then move the last clip to the top.
    const changed = await r.seed.emitWithAck('change_video', { roomId: 'q1', index: 1 });
    expect(changed.ok).toBe(true);
    await eventually(() => r.indexes.includes(1));
    const moved = await r.delta.emitWithAck('move_video', { roomId: 'q1', itemId: d!, toIndex: 0 });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.index).toBe(2);
    expect(idsOf(moved.queue)).toEqual([d, a, b, c]);

    await eventually(() => r.queues.length > 0 && r.indexes.at(-1) === 2);
    expect(idsOf(r.queues.at(-1) ?? [])).toEqual([d, a, b, c]);
    await eventually(() => r.changes.some((change) => change.kind === 'queue_order'));
    expect(r.changes).toContainEqual({ kind: 'queue_order', itemIds: [d, a, b, c] });
    expect(r.changes).toContainEqual({ kind: 'index', index: 2 });
    // Protocol 3 never gets the whole list.
    expect(r.wholeListsToDelta).toEqual([]);
  });

  it('play_next puts the clip after the current one; the ack carries the new order', async () => {
    const r = await room('q2');
    const [a, b, c, d] = r.ids;
    const next = await r.seed.emitWithAck('play_next', { roomId: 'q2', itemId: d! });
    expect(next.ok && idsOf(next.queue)).toEqual([a, d, b, c]);
    await eventually(() => r.queues.length === 1);
    expect(idsOf(r.queues[0] ?? [])).toEqual([a, d, b, c]);
    expect(r.indexes).toEqual([]);
  });

  it('shuffle_queue keeps the current clip first and every clip once; clear_queue keeps the current one', async () => {
    const r = await room('q3');
    await r.seed.emitWithAck('change_video', { roomId: 'q3', index: 2 });
    const shuffled = await r.delta.emitWithAck('shuffle_queue', { roomId: 'q3' });
    if (!shuffled.ok) throw new Error(shuffled.error.message);
    expect(shuffled.index).toBe(0);
    expect(shuffled.queue[0]?.id).toBe(r.ids[2]);
    expect([...idsOf(shuffled.queue)].sort()).toEqual([...r.ids].sort());
    await eventually(() => r.indexes.at(-1) === 0);

    const cleared = await r.delta.emitWithAck('clear_queue', { roomId: 'q3' });
    expect(cleared.ok && idsOf(cleared.queue)).toEqual([r.ids[2]]);
    await eventually(() => idsOf(r.queues.at(-1) ?? []).join() === String(r.ids[2]));
    await eventually(() =>
      r.changes.some(
        (change) => change.kind === 'queue_order' && change.itemIds.join() === String(r.ids[2]),
      ),
    );
    const emptied = await r.seed.emitWithAck('clear_queue', { roomId: 'q3', keepCurrent: false });
    expect(emptied.ok && emptied.queue).toEqual([]);
  });

  it('bad input is refused with a typed code, never a crash', async () => {
    const r = await room('q4');
    const missing = await r.seed.emitWithAck('move_video', {
      roomId: 'q4',
      itemId: 999,
      toIndex: 0,
    });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    const far = await r.seed.emitWithAck('move_video', {
      roomId: 'q4',
      itemId: r.ids[0]!,
      toIndex: 4,
    });
    expect(!far.ok && far.error.code).toBe('INDEX_OUT_OF_RANGE');
    const malformed = await r.seed.emitWithAck('move_video', {
      roomId: 'q4',
      itemId: -1,
      toIndex: 0,
    });
    expect(!malformed.ok && malformed.error.code).toBe('INVALID_PAYLOAD');
  });
});
