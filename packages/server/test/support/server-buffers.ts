import type { Counter } from 'prom-client';
import { websocketBufferedBytes } from '../../src/realtime/engine-internals.js';
import type { RunningServer } from '../../src/server.js';

/**
 * What the server holds unsent for all its connections, measured independently of the
 * backpressure guard's own count: engine.io's `writeBuffer` (read as engine.io 6.6.12 has
 * it) plus each websocket's `bufferedAmount`.
 */
export function serverUnsentBytes(server: RunningServer): number {
  let total = 0;
  for (const conn of server.io.sockets.sockets.values()) {
    const queue: unknown = Reflect.get(conn.conn, 'writeBuffer');
    if (Array.isArray(queue)) {
      for (const packet of queue) {
        const data: unknown =
          typeof packet === 'object' && packet ? Reflect.get(packet, 'data') : '';
        if (typeof data === 'string') total += data.length;
      }
    }
    total += websocketBufferedBytes(conn.conn);
  }
  return total;
}

/** The value of a counter without labels. */
export async function counterValue(counter: Counter): Promise<number> {
  const { values } = await counter.get();
  return values[0]?.value ?? 0;
}
