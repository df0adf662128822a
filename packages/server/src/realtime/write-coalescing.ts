import {
  corkWebsocketSends,
  deferFlushToTickEnd,
  type EngineConnection,
} from './engine-internals.js';
import type { WatchServer } from './types.js';

/**
 * One write to the kernel per connection per turn of the event loop, not one per packet.
 *
 * Engine.io writes each packet as soon as it is emitted, and every write to a TCP socket
 * is a system call (measured at 10,000 chatting clients: `writev` was 39% of the busy
 * process). A turn often has several packets for one connection: the change a command
 * broadcast and the command's own acknowledgement, or a playback decision and the gate
 * it opened. Here a connection's packets wait until the turn's synchronous work and
 * promise continuations are done (`process.nextTick`, no timer: nothing is held for
 * later), then go to the transport together, and the websocket's TCP socket is corked
 * around them, so they leave in one `writev`. Order is kept: the packets stay in
 * engine.io's own buffer, in emit order.
 */
export function coalesceWrites(io: WatchServer): void {
  io.engine.on('connection', (conn: EngineConnection) => {
    deferFlushToTickEnd(conn);
    corkWebsocketSends(conn.transport);
    conn.on('upgrade', (transport: unknown) => {
      corkWebsocketSends(transport);
    });
  });
}
