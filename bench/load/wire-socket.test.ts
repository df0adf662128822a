import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { AckTimeout, WireSocket } from './wire-socket.js';

/** A real Socket.io server on port 0 (the wire client must be indistinguishable from socket.io-client). */
async function serve(
  setup: (io: Server) => void,
  options: { pingIntervalMs?: number } = {},
): Promise<{ url: string; io: Server; http: HttpServer }> {
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    pingInterval: options.pingIntervalMs ?? 25_000,
    pingTimeout: 200,
  });
  setup(io);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return { url: `http://127.0.0.1:${String(address.port)}`, io, http };
}

const open: Array<{ io: Server }> = [];
afterEach(async () => {
  for (const { io } of open.splice(0)) await io.close();
});

describe('WireSocket', () => {
  it('connects from its source address, emits with an acknowledgement and reads events', async () => {
    const server = await serve((io) => {
      io.on('connection', (socket) => {
        socket.on('echo', (payload: unknown, ack: (reply: unknown) => void) => {
          ack({ ok: true, payload, address: socket.handshake.address });
          socket.emit('told', { text: 'héllo "quoted"' });
        });
      });
    });
    open.push(server);
    const client = new WireSocket(server.url, '127.0.3.7');
    const told = new Promise<unknown>((resolve) => {
      client.on('told', resolve);
    });
    await client.connect(5000);
    // Ack ids grow past one digit: the id and the JSON must still split where they meet.
    for (let i = 0; i < 11; i++) await client.emitWithAck('echo', { i }, 5000);
    const reply = await client.emitWithAck('echo', { n: [1, 2] }, 5000);
    expect(reply).toEqual({ ok: true, payload: { n: [1, 2] }, address: '127.0.3.7' });
    expect(await told).toEqual({ text: 'héllo "quoted"' });
    client.close();
  });

  it('answers the server’s pings, so the connection outlives several ping timeouts', async () => {
    let closedBy: string | undefined;
    const server = await serve(
      (io) => {
        io.on('connection', (socket) => {
          socket.on('disconnect', (reason) => {
            closedBy = reason;
          });
        });
      },
      { pingIntervalMs: 50 },
    );
    open.push(server);
    const client = new WireSocket(server.url, '127.0.0.1');
    await client.connect(5000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(closedBy).toBeUndefined();
    expect(server.io.sockets.sockets.size).toBe(1);
    client.close();
  });

  it('rejects a refused connection, times out an unanswered emit, and reports a server disconnect', async () => {
    const server = await serve((io) => {
      io.use((socket, next) => {
        next(socket.handshake.address === '127.0.3.9' ? new Error('not you') : undefined);
      });
      io.on('connection', (socket) => {
        socket.on('ignored', () => undefined);
        socket.on('leave me', () => socket.disconnect(true));
      });
    });
    open.push(server);
    await expect(new WireSocket(server.url, '127.0.3.9').connect(5000)).rejects.toThrow(/not you/);

    const client = new WireSocket(server.url, '127.0.0.1');
    await client.connect(5000);
    await expect(client.emitWithAck('ignored', {}, 100)).rejects.toBeInstanceOf(AckTimeout);
    const disconnected = new Promise<void>((resolve) => {
      client.onDisconnect(resolve);
    });
    const pending = client.emitWithAck('leave me', {}, 5000);
    await disconnected;
    await expect(pending).rejects.toThrow(/disconnected/);
  });
});
