import { io } from 'socket.io-client';
import type { TestSocket } from '../support/client.js';

/** The public id each member client was last given (`session`), by socket. */
const publicIds = new WeakMap<TestSocket, string>();

/** The id the others see for a `member` client. */
export function idOf(socket: TestSocket): string {
  const id = publicIds.get(socket);
  if (id === undefined) throw new Error('this client has no session yet');
  return id;
}

/**
 * A client like the web app: it keeps the session token it is given and sends it on every
 * connection, reconnects by itself (to the same address) and joins its room again on
 * every connection. Seed protocol: never waited for by the buffering gate.
 */
export async function member(
  url: string,
  roomId: string,
  userId: string,
  reconnection: { delayMs: number; maxDelayMs: number } = { delayMs: 100, maxDelayMs: 500 },
): Promise<TestSocket> {
  let token: string | undefined;
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: reconnection.delayMs,
    reconnectionDelayMax: reconnection.maxDelayMs,
    auth: (send) => {
      send(token === undefined ? {} : { token });
    },
  });
  socket.on('session', (session) => {
    token = session.token;
    publicIds.set(socket, session.userId);
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
