import type { ClientToServerEvents, ServerToClientEvents } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { handshakeAuth } from './session-token';

/** The app's one connection, typed end to end by the shared protocol's event maps. */
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket to this page's origin on Socket.io's default path (`/socket.io`; in
 * development Vite proxies it to the server). It connects when `connect()` is called
 * and reconnects on its own after a drop.
 *
 * WebSocket first: a late joiner is in the room one round trip sooner than through
 * long-polling's handshake and upgrade. Where WebSockets are blocked, polling takes over.
 * A connection attempt that hangs (a network changing under a phone) is given up after
 * 8 s rather than Socket.io's 20, and tried again.
 *
 * Every handshake carries the session token `token()` returns (`auth.token`): that is
 * who we are to the server.
 */
export function createRoomSocket(token: () => string | undefined): RoomSocket {
  const socket: RoomSocket = io({
    // Read on every (re)connect, so a renewed token is the one sent.
    auth: (send) => {
      send(handshakeAuth(token()));
    },
    autoConnect: false,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    timeout: 8_000,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  return socket;
}
