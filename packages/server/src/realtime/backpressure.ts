import type { Counter } from 'prom-client';
import type { Logger } from '../ops/logger.js';
import {
  packetDataBytes,
  terminateWebsocket,
  websocketBufferedBytes,
  type EngineConnection,
} from './engine-internals.js';
import type { WatchServer } from './types.js';

/**
 * Heap an engine.io packet object costs beside its data (the object, its options). Counting
 * it keeps a flood of tiny packets bounded too.
 */
const PACKET_OVERHEAD_BYTES = 100;

export interface BackpressureOptions {
  /** A connection whose unsent data passes this is dropped. */
  maxUnsentBytes: number;
  logger: Logger;
  dropped: Counter;
}

/**
 * Bounds what the server holds for a client that does not read (a stalled phone, a
 * paused tab's dead TCP connection, a malicious client).
 *
 * Unsent data of one connection = packets engine.io keeps in its `writeBuffer` while the
 * transport is not writable (websocket: until the kernel took the previous batch;
 * long-polling: until the next GET) + what the `ws` socket has queued for the kernel. It
 * is checked on every outgoing packet, in O(1): the writeBuffer's size is counted as
 * packets are created (`packetCreate`) and reset when engine.io hands the buffer to the
 * transport (`flush`); ws's `bufferedAmount` is two field reads. A connection over the bound
 * is judged again once the event loop has had a turn to write (see `watch`), so what it
 * may hold is the bound plus what one turn of the loop sends it.
 *
 * Past the bound the connection is dropped like a failed network: the TCP connection is
 * destroyed (websocket) and the transport fails with an error, so Socket.io reports
 * `transport error`. The client reconnects by itself, and its member keeps the reconnect
 * grace and the events it missed (connection-state recovery).
 */
export function guardBackpressure(io: WatchServer, options: BackpressureOptions): void {
  io.engine.on('connection', (conn: EngineConnection) => {
    watch(conn, options);
  });
}

function watch(conn: EngineConnection, options: BackpressureOptions): void {
  let queued = 0;
  let checking = false;
  let dropped = false;
  const unsent = (): number => queued + websocketBufferedBytes(conn);
  conn.on('packetCreate', (packet: unknown) => {
    queued += packetDataBytes(packet) + PACKET_OVERHEAD_BYTES;
    if (checking || dropped || unsent() <= options.maxUnsentBytes) return;
    // A healthy client can pass the bound within one tick of the event loop (a burst of
    // broadcasts handled in a row), because engine.io only hands data to the kernel once
    // the previous write completes. Judge it after the loop had a chance to write: a
    // client that reads will have drained by then, a stalled one has not.
    checking = true;
    setImmediate(() => {
      checking = false;
      const bytes = unsent();
      if (dropped || bytes <= options.maxUnsentBytes) return;
      dropped = true;
      drop(conn, bytes, options);
    });
  });
  conn.on('flush', () => {
    queued = 0;
  });
}

function drop(conn: EngineConnection, unsent: number, options: BackpressureOptions): void {
  if (conn.readyState === 'closed') return;
  options.dropped.inc();
  options.logger.warn(
    {
      remoteAddress: conn.remoteAddress,
      transport: conn.transport.name,
      unsentBytes: unsent,
      maxUnsentBytes: options.maxUnsentBytes,
    },
    'slow consumer dropped: too much unsent data',
  );
  const websocket = terminateWebsocket(conn);
  // The same path a real transport failure takes: engine.io closes the socket with
  // "transport error", discards its buffer and closes the transport.
  const transport = conn.transport;
  if (transport.listenerCount('error') > 0) {
    transport.emit('error', new Error('slow consumer: too much unsent data'));
  } else if (!websocket) {
    conn.close(true);
  }
}
