import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { recoveryAdapter } from '../../src/realtime/recovery-adapter.js';
import { eventually } from '../support/client.js';

const GRACE_MS = 10_000;

interface Running {
  io: Server;
  http: HttpServer;
  url: string;
  /** The adapter's clock, moved by the test. */
  time: { now: number };
}

async function start(pruneEveryMs: number): Promise<Running> {
  const time = { now: 1_000_000 };
  const http = createServer();
  const io = new Server(http, {
    connectionStateRecovery: { maxDisconnectionDuration: GRACE_MS, skipMiddlewares: true },
    adapter: recoveryAdapter(GRACE_MS, () => time.now, pruneEveryMs),
  });
  io.on('connection', (socket) => {
    if (!socket.recovered) void socket.join('room');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return { io, http, url: `http://127.0.0.1:${address.port}`, time };
}

function retained(running: Running): number {
  const count: unknown = Reflect.get(running.io.of('/').adapter, 'retainedCount');
  if (typeof count !== 'number') throw new Error('not a recovery adapter');
  return count;
}

function client(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 20 });
  return new Promise((resolve) =>
    socket.once('connect', () => {
      resolve(socket);
    }),
  );
}

describe('the recovery adapter', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function running(pruneEveryMs: number): Promise<Running> {
    const server = await start(pruneEveryMs);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          void server.io.close(() => {
            resolve();
          });
        }),
    );
    return server;
  }

  it('gives a connection back within the grace, with what it missed, in order', async () => {
    const server = await running(60_000);
    const socket = await client(server.url);
    cleanups.push(() => {
      socket.disconnect();
    });
    const heard: string[] = [];
    socket.on('note', (text: string) => heard.push(text));
    server.io.to('room').emit('note', 'before');
    await eventually(() => heard.length === 1);

    const back = new Promise<void>((resolve) =>
      socket.once('connect', () => {
        resolve();
      }),
    );
    socket.io.engine.close();
    await eventually(() => !socket.connected);
    server.io.to('room').emit('note', 'missed 1');
    server.io.to('elsewhere').emit('note', 'not for it');
    server.io.to('room').emit('note', 'missed 2');
    server.time.now += GRACE_MS - 1;
    await back;

    expect(socket.recovered).toBe(true);
    await eventually(() => heard.length === 3);
    expect(heard).toEqual(['before', 'missed 1', 'missed 2']);
  });

  it('holds a packet for the grace and lets it go at the next prune, not a minute later', async () => {
    const server = await running(50);
    server.io.to('room').emit('note', 'one');
    server.io.to('room').emit('note', 'two');
    expect(retained(server)).toBe(2);
    server.time.now += GRACE_MS - 1;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(retained(server)).toBe(2);
    server.time.now += 2;
    await eventually(() => retained(server) === 0);
  });

  it('a connection back after the grace connects afresh', async () => {
    const server = await running(50);
    const socket = await client(server.url);
    cleanups.push(() => {
      socket.disconnect();
    });
    server.io.to('room').emit('note', 'seen');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const back = new Promise<void>((resolve) =>
      socket.once('connect', () => {
        resolve();
      }),
    );
    socket.io.reconnection(false);
    socket.io.engine.close();
    await eventually(() => !socket.connected && server.io.of('/').sockets.size === 0);
    server.time.now += GRACE_MS + 1;
    socket.io.reconnection(true);
    socket.connect();
    await back;
    expect(socket.recovered).toBe(false);
  });
});
