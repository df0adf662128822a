import type {
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
  UntrustedClientEvents,
} from '@wt/protocol';
import type { Server, Socket } from 'socket.io';

export type WatchServer = Server<
  UntrustedClientEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type WatchSocket = Socket<
  UntrustedClientEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
