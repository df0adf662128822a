import { Socket as TcpSocket } from 'node:net';
import { DELTA_PROTOCOL_VERSION } from '@wt/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Counts the writes (each one system call) the server makes on a websocket's TCP socket. */
function countWrites(server: TestServer, client: TestSocket): { writes: number } {
  const conn = server.io.sockets.sockets.get(client.id ?? '')?.conn;
  const websocket: unknown = conn && Reflect.get(conn.transport, 'socket');
  const tcp: unknown =
    typeof websocket === 'object' && websocket !== null
      ? Reflect.get(websocket, '_socket')
      : undefined;
  if (!(tcp instanceof TcpSocket)) throw new Error('no websocket TCP socket under this client');
  const counter = { writes: 0 };
  for (const method of ['_write', '_writev']) {
    // Own methods of net.Socket that the stream machinery calls once per system write.
    const original: unknown = Reflect.get(tcp, method);
    if (typeof original !== 'function') throw new Error(`net.Socket has no ${method}`);
    Reflect.set(tcp, method, (...args: unknown[]) => {
      counter.writes++;
      Reflect.apply(original, tcp, args);
    });
  }
  return counter;
}

/** A server-to-client event the test can tell apart by `itemId`. */
const reaction = (itemId: number) => ({
  id: `r${itemId}`,
  userId: 'someone',
  emoji: '❤️' as const,
  itemId,
  clipTime: 0,
  sentAt: 0,
});

/**
 * Emits `reaction(n)` for each of `ids` to `client`'s connection within one tick, and
 * resolves to the ids in the order the client heard them and the writes that took.
 */
async function emitInOneTick(
  server: TestServer,
  client: TestSocket,
  ids: readonly number[],
): Promise<{ heard: number[]; writes: number }> {
  const heard: number[] = [];
  const all = new Promise<void>((resolve) => {
    client.on('reaction', (payload) => {
      heard.push(payload.itemId);
      if (heard.length === ids.length) resolve();
    });
  });
  const counter = countWrites(server, client);
  const there = server.io.sockets.sockets.get(client.id ?? '');
  for (const id of ids) there?.emit('reaction', reaction(id));
  await all;
  return { heard, writes: counter.writes };
}

describe('writes per connection', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends the packets one tick made for a connection in one write, in order', async () => {
    const { socket } = await joinAs(server.url, 'coalesce-order', 'ana', 'Ana');
    onTestFinished(() => {
      socket.disconnect();
    });
    expect(await emitInOneTick(server, socket, [1, 2, 3])).toEqual({ heard: [1, 2, 3], writes: 1 });
  });

  it("sends a command's change and its acknowledgement to the sender together", async () => {
    const { socket } = await joinAs(
      server.url,
      'coalesce-ack',
      'ben',
      'Ben',
      DELTA_PROTOCOL_VERSION,
    );
    onTestFinished(() => {
      socket.disconnect();
    });
    const delta = new Promise<void>((resolve) => {
      socket.once('room_delta', () => {
        resolve();
      });
    });
    const counter = countWrites(server, socket);
    const ack = await socket.emitWithAck('send_message', {
      roomId: 'coalesce-ack',
      message: 'hello',
    });
    await delta;
    expect(ack.ok).toBe(true);
    // Without coalescing: the delta, then the acknowledgement once the first write is done.
    expect(counter.writes).toBe(1);
  });

  it('coalesces on the websocket a seed client upgrades to from long-polling', async () => {
    // The seed's client: Socket.io's default transports (polling, then the upgrade).
    const socket: TestSocket = io(server.url, { forceNew: true, reconnection: false });
    onTestFinished(() => {
      socket.disconnect();
    });
    await new Promise<void>((resolve) => {
      socket.io.engine.once('upgrade', () => {
        resolve();
      });
    });
    expect(socket.io.engine.transport.name).toBe('websocket');
    const joined = await socket.emitWithAck('join_room', {
      roomId: 'coalesce-upgrade',
      userId: 'dee',
      name: 'Dee',
    });
    expect(joined.ok).toBe(true);
    expect(await emitInOneTick(server, socket, [1, 2])).toEqual({ heard: [1, 2], writes: 1 });
  });

  it('still delivers what was emitted just before a disconnect', async () => {
    const { socket } = await joinAs(server.url, 'coalesce-close', 'cy', 'Cy');
    const reason = new Promise<string>((resolve) => {
      socket.once('disconnect', resolve);
    });
    const last = new Promise<number>((resolve) => {
      socket.once('reaction', (payload) => {
        resolve(payload.itemId);
      });
    });
    const there = server.io.sockets.sockets.get(socket.id ?? '');
    there?.emit('reaction', reaction(7));
    there?.disconnect(true);
    expect(await last).toBe(7);
    expect(await reason).toBe('io server disconnect');
  });
});
