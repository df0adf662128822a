import { io } from 'socket.io-client';
import type { TestSocket } from '../support/client.js';

/**
 * A client like the web app: it reconnects by itself (to the same address) and joins its
 * room again on every connection. Seed protocol: never waited for by the buffering gate.
 */
export async function member(url: string, roomId: string, userId: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  socket.on('connect', () => {
    socket.emit('join_room', { roomId, userId, name: userId }, (ack) => {
      if (!ack.ok) throw new Error(`join failed: ${ack.error.message}`);
    });
  });
  await new Promise<void>((resolve) => {
    socket.once('room_state', () => {
      resolve();
    });
  });
  return socket;
}
