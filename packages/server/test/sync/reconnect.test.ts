import type { ChatMessage, SystemMessagePayload } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, eventually, eventuallyAsync, next, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A plain Socket.io client as the seed's React client makes it: reconnects by itself. */
function plainClient(url: string): TestSocket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50 });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve();
    });
  });
}

/** Drops the connection under the client, as a network blip does (not a goodbye). */
function dropTransport(socket: Socket): void {
  socket.io.engine.close();
}

describe('reconnects', () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
  });

  async function server(env: Record<string, string> = {}): Promise<TestServer> {
    const started = await startTestServer(env);
    servers.push(started);
    return started;
  }

  /** The public id the server gave each member. */
  const idOf = new Map<Socket, string>();

  /** A plain client that joined. */
  async function member(url: string, roomId: string, userId: string, name: string) {
    const socket = plainClient(url);
    sockets.push(socket);
    await connected(socket);
    const ack = await socket.emitWithAck('join_room', { roomId, userId, name });
    if (!ack.ok) throw new Error(ack.error.message);
    idOf.set(socket, ack.user.id);
    return socket;
  }

  it('a short drop loses no event and posts no left or joined line', async () => {
    const app = await server();
    const alice = await member(app.url, 'blip', 'alice-id', 'Alice');
    const bob = await member(app.url, 'blip', 'bob-id', 'Bob');
    const messages: ChatMessage[] = collect(bob, 'new_message');
    const lines: SystemMessagePayload[] = collect(alice, 'system_message');
    const back = connected(bob);
    dropTransport(bob);
    await eventually(() => !bob.connected);
    await alice.emitWithAck('send_message', { roomId: 'blip', message: 'you there?' });
    await back;
    expect(bob.recovered).toBe(true);
    await eventually(() => messages.some((m) => m.text === 'you there?'));
    // Bob is still in the room and can talk without joining again.
    const ack = await bob.emitWithAck('send_message', { roomId: 'blip', message: 'yes' });
    expect(ack.ok).toBe(true);
    expect(lines).toEqual([]);
    expect((await app.store.get('blip'))?.members.map((m) => m.id)).toEqual([
      idOf.get(alice),
      idOf.get(bob),
    ]);
  });

  it('a connection that does not come back leaves after the grace period', async () => {
    const app = await server({ RECONNECT_GRACE_SECONDS: '1' });
    const alice = await member(app.url, 'gone', 'alice-id', 'Alice');
    const bob = await member(app.url, 'gone', 'bob-id', 'Bob');
    bob.io.reconnection(false);
    const left = next(alice, 'system_message', 3_000);
    dropTransport(bob);
    const started = Date.now();
    expect((await left).text).toBe('Bob left');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a client that never re-joins is put back in its room as the person it was', async () => {
    const app = await server({ RECONNECT_GRACE_SECONDS: '0' });
    const alice = await member(app.url, 'sticky', 'alice-id', 'Alice');
    const bob = await member(app.url, 'sticky', 'bob-id', 'Bob');
    await bob.emitWithAck('set_name', { roomId: 'sticky', name: 'Robert' });
    const back = connected(bob);
    dropTransport(bob);
    await back;
    expect(bob.recovered).toBe(false);
    await eventuallyAsync(async () => (await app.store.get('sticky'))?.members.length === 1);
    const snapshot = next(bob, 'room_state');
    const heard = next(alice, 'new_message');
    const ack = await bob.emitWithAck('send_message', { roomId: 'sticky', message: 'still me' });
    expect(ack.ok).toBe(true);
    expect((await snapshot).id).toBe('sticky');
    expect(await heard).toMatchObject({ text: 'still me', user: 'Robert', userId: idOf.get(bob) });
  });

  it('a stranger without a previous session is still refused', async () => {
    const app = await server();
    const stranger = plainClient(app.url);
    sockets.push(stranger);
    await connected(stranger);
    const ack = await stranger.emitWithAck('send_message', { roomId: 'nobody', message: 'hi' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    expect(await app.store.get('nobody')).toBeUndefined();
  });

  it('after a graceful shutdown every plain client reconnects by itself to the next process', async () => {
    const first = await server();
    const port = String(first.port);
    const bob = await member(first.url, 'restart', 'bob-id', 'Bob');
    const dropped = new Promise<string>((resolve) => bob.once('disconnect', resolve));
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    expect(await dropped).toBe('transport close');
    const back = connected(bob);
    const second = await server({ PORT: port });
    await back;
    // It never re-joins (the seed's client does not); its next event puts it back in the room.
    const snapshot = next(bob, 'room_state');
    const ack = await bob.emitWithAck('send_message', { roomId: 'restart', message: 'back' });
    expect(ack.ok).toBe(true);
    expect((await snapshot).id).toBe('restart');
    expect((await second.store.get('restart'))?.members).toHaveLength(1);
  });
});
