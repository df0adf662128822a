import { Socket } from 'node:net';
import type { WatchSocket } from './types.js';

/** Engine.io's connection under a Socket.io socket (`socket.conn`). */
export type EngineConnection = WatchSocket['conn'];

/*
 * Small, run-time checked reads of library internals, written against engine.io 6.6.12 and
 * ws 8.21.3 (the versions socket.io 4.8.4 installs). Each returns a neutral answer when the
 * shape is not what these versions have, so an upgrade degrades to "not measured" instead
 * of throwing; backpressure.test.ts fails if that happens.
 */

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * The `ws` WebSocket behind an engine.io `websocket` transport (`transport.socket`), or
 * undefined for long-polling.
 */
function websocketOf(conn: EngineConnection): object | undefined {
  const transport: unknown = conn.transport;
  if (!isObject(transport) || Reflect.get(transport, 'name') !== 'websocket') return undefined;
  const socket: unknown = Reflect.get(transport, 'socket');
  return isObject(socket) ? socket : undefined;
}

/**
 * Bytes the `ws` socket has accepted but the kernel has not taken yet (ws's public
 * `bufferedAmount`: the net.Socket's write queue plus frames waiting for compression).
 * 0 for long-polling.
 */
export function websocketBufferedBytes(conn: EngineConnection): number {
  const socket = websocketOf(conn);
  if (!socket) return 0;
  const buffered: unknown = Reflect.get(socket, 'bufferedAmount');
  return typeof buffered === 'number' ? buffered : 0;
}

/**
 * Destroys the TCP connection of a websocket transport at once (ws's `terminate()`), so
 * its buffers are freed now instead of after a close handshake the peer will not answer.
 * Returns false for long-polling.
 */
export function terminateWebsocket(conn: EngineConnection): boolean {
  const socket = websocketOf(conn);
  if (!socket) return false;
  const terminate: unknown = Reflect.get(socket, 'terminate');
  if (typeof terminate !== 'function') return false;
  Reflect.apply(terminate, socket, []);
  return true;
}

/**
 * The size of one engine.io packet as queued in `writeBuffer` (emitted with
 * `packetCreate`): its data's length (string: characters, one or two bytes each on the
 * heap; binary: bytes).
 */
export function packetDataBytes(packet: unknown): number {
  if (!isObject(packet)) return 0;
  const data: unknown = Reflect.get(packet, 'data');
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Makes engine.io's `flush` (called for every packet sent) run once at the end of the
 * current tick instead of at once, so the packets of one tick go to the transport in one
 * batch. Engine.io's own calls (`ready`, `drain`, upgrade, close) go through the same
 * method and so are deferred the same way; `close()` waits for the `drain` the deferred
 * flush emits. Returns false when `flush` is not what engine.io 6.6 has.
 */
export function deferFlushToTickEnd(conn: EngineConnection): boolean {
  const flush: unknown = Reflect.get(conn, 'flush');
  if (typeof flush !== 'function') return false;
  let pending = false;
  const flushNow = (): void => {
    pending = false;
    Reflect.apply(flush, conn, []);
  };
  Reflect.set(conn, 'flush', () => {
    if (pending) return;
    pending = true;
    process.nextTick(flushNow);
  });
  return true;
}

/**
 * Corks the TCP socket of a websocket transport around each `send(packets)`, so the frames
 * of one batch (two buffers each: header and payload) leave in a single `writev`. Returns
 * false for long-polling or an unknown shape.
 */
export function corkWebsocketSends(transport: unknown): boolean {
  if (!isObject(transport) || Reflect.get(transport, 'name') !== 'websocket') return false;
  const websocket: unknown = Reflect.get(transport, 'socket');
  const tcp: unknown = isObject(websocket) ? Reflect.get(websocket, '_socket') : undefined;
  const send: unknown = Reflect.get(transport, 'send');
  if (!(tcp instanceof Socket) || typeof send !== 'function') return false;
  Reflect.set(transport, 'send', (packets: unknown) => {
    tcp.cork();
    try {
      Reflect.apply(send, transport, [packets]);
    } finally {
      tcp.uncork();
    }
  });
  return true;
}
