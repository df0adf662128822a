import { apply, createRoom, type Command, type RoomState } from '@wt/room';
import { afterEach, describe, expect, it } from 'vitest';
import { STALE_RESOLVE_MS } from '../../src/realtime/room-runtime.js';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const STALE = 'https://www.tiktok.com/@alice/video/7400000000000000001';
const FRESH = 'https://www.tiktok.com/@bob/video/7400000000000000002';

function step(state: RoomState, command: Command, at: number): RoomState {
  const result = apply(state, command, at);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

describe('a resolve lost with its process is taken over', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
  });

  it('the process that next touches the room resolves what has been processing too long', async () => {
    server = await startTestServer();
    const now = Date.now();
    // A room as a crashed process left it: two items "processing", nobody resolving them,
    // one added long ago, one a moment ago.
    const long = now - STALE_RESOLVE_MS - 5_000;
    let room = step(createRoom('orphan', long), { type: 'join', userId: 'u', name: 'U' }, long);
    room = step(room, { type: 'addVideo', userId: 'u', url: STALE }, long);
    room = step(room, { type: 'addVideo', userId: 'u', url: FRESH }, now - 1_000);
    room = step(room, { type: 'leave', userId: 'u' }, now - 1_000);
    const stored = room;
    await server.store.update('orphan', () => ({ state: stored, result: undefined }));

    const ana = await joinAs(server.url, 'orphan', 'ana', 'Ana');
    sockets.push(ana.socket);
    const queues = collect(ana.socket, 'update_queue');
    await eventually(() => queues.some((queue) => queue[0]?.isProcessing === false), 10_000);
    const resolved = queues.at(-1);
    expect(resolved?.[0]).toMatchObject({ isProcessing: false });
    expect(resolved?.[0]?.mp4Url).toMatch(/^\/media\//);
    // The recent one is not anyone's to take over yet.
    expect(resolved?.[1]?.isProcessing).toBe(true);
    // One page fetched: the stale one's, once.
    expect([...server.fake.stats.pageHits.values()]).toEqual([1]);
  });

  it('a retry of an old item counts from the retry, not from when the item was added', async () => {
    server = await startTestServer();
    const now = Date.now();
    const long = now - STALE_RESOLVE_MS - 5_000;
    let room = step(createRoom('retried', long), { type: 'join', userId: 'u', name: 'U' }, long);
    room = step(room, { type: 'addVideo', userId: 'u', url: STALE }, long);
    const added = room.queue[0];
    if (!added) throw new Error('nothing added');
    room = step(
      room,
      {
        type: 'videoResolved',
        itemId: added.id,
        outcome: { ok: false, error: { code: 'UPSTREAM_ERROR', message: 'TikTok hiccup' } },
      },
      long,
    );
    // Retried a moment ago, by a process that is still resolving it (elsewhere).
    room = step(room, { type: 'retryVideo', userId: 'u', itemId: added.id }, now - 1_000);
    expect(room.queue[0]).toMatchObject({ isProcessing: true, addedAt: added.addedAt });
    room = step(room, { type: 'leave', userId: 'u' }, now - 1_000);
    const stored = room;
    await server.store.update('retried', () => ({ state: stored, result: undefined }));

    const ana = await joinAs(server.url, 'retried', 'ana', 'Ana');
    sockets.push(ana.socket);
    await ana.socket.emitWithAck('send_message', { roomId: 'retried', message: 'hi' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Nobody took it over: TikTok was not asked, and it is still processing.
    expect([...server.fake.stats.pageHits.values()]).toEqual([]);
    expect((await server.store.get('retried'))?.queue[0]?.isProcessing).toBe(true);
  });
});
