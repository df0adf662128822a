import type { ChatMessage } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { next, type TestSocket } from '../support/client.js';
import { onOneRedis } from './on-one-redis.js';

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve();
    });
  });
}

/**
 * The seed's own client on Redis: no token, never re-joins, reconnects by itself. When the
 * process it was on goes away and another process of the same Redis answers on that
 * address, its next event puts it back in its room as the person it was, with its name.
 */
describe('a plain client moving to another process', () => {
  const redis = onOneRedis();
  const env = {
    SESSION_SECRET: 'plain-client-identity-secret-0123456789',
    // No connection-state recovery: only the remembered session can say who it was.
    RECONNECT_GRACE_SECONDS: '0',
  };

  it('keeps its public id and its name on a process it never met', async () => {
    const first = await redis.start(env);
    const other = await redis.start(env);
    const alice: TestSocket = io(other.url, { transports: ['websocket'], forceNew: true });
    const bob: TestSocket = io(first.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
    });
    redis.track(alice, bob);
    await Promise.all([connected(alice), connected(bob)]);
    const aliceJoined = await alice.emitWithAck('join_room', {
      roomId: 'moving',
      userId: 'alice-id',
      name: 'Alice',
    });
    const joined = await bob.emitWithAck('join_room', {
      roomId: 'moving',
      userId: 'bob-id',
      name: 'Bob',
    });
    if (!aliceJoined.ok || !joined.ok) throw new Error('join failed');
    const renamed = await bob.emitWithAck('set_name', { roomId: 'moving', name: 'Robert' });
    expect(renamed.ok).toBe(true);

    // Bob's process goes away; a new process of the same Redis takes its address.
    const port = String(first.port);
    await redis.stop(first);
    const back = connected(bob);
    await redis.start({ ...env, PORT: port });
    await back;
    expect(bob.recovered).toBe(false);

    const heard = new Promise<ChatMessage>((resolve) => {
      alice.on('new_message', (message) => {
        if (message.text === 'still me') resolve(message);
      });
    });
    const snapshot = next(bob, 'room_state');
    const ack = await bob.emitWithAck('send_message', { roomId: 'moving', message: 'still me' });
    expect(ack.ok).toBe(true);
    expect((await snapshot).id).toBe('moving');
    expect(await heard).toMatchObject({ user: 'Robert', userId: joined.user.id });
  });
});
