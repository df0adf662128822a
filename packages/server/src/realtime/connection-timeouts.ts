import type { ServerOptions as HttpServerOptions } from 'node:http';
import { terminateWebsocket, type EngineConnection } from './engine-internals.js';
import type { WatchServer } from './types.js';

/**
 * How long a connection may take to prove it is alive, at each layer. A connection that
 * never completes its handshake, or falls silent, is closed, so idle sockets cannot pile
 * up. Constants rather than settings: they follow from the protocol and from what a real
 * browser does, not from the deployment; tests pass small values.
 */
export interface ConnectionTimeouts {
  /**
   * Node http: the request's headers must arrive within this from the start of the
   * connection (or of the next request on a kept-alive one). This is also what closes a
   * raw TCP connection that never sends a byte.
   */
  headersMs: number;
  /** Node http: the whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** How often Node looks for connections past the two limits above. */
  checkIntervalMs: number;
  /** An idle kept-alive HTTP connection is closed after this. */
  keepAliveMs: number;
  /** Engine.io sends a ping this often ... */
  pingIntervalMs: number;
  /** ... and drops the connection when the pong is not back within this. */
  pingTimeoutMs: number;
  /** A long-polling client that starts the upgrade to websocket must finish it within this. */
  upgradeMs: number;
  /** An Engine.io connection must send the Socket.io CONNECT packet within this. */
  connectMs: number;
}

export const defaultConnectionTimeouts: ConnectionTimeouts = {
  // A browser sends its headers with the first packets; 10 s still allows a slow phone.
  headersMs: 10_000,
  // The largest request is a long-polling POST of at most 16 KB, or a media Range request.
  requestMs: 30_000,
  // Node's default is 30 s, which would let a silent connection live 40 s; the check walks
  // only plain HTTP connections (upgraded websockets leave the list), so 2 s is cheap.
  checkIntervalMs: 2_000,
  // Node's default; above the typical time between a page's requests.
  keepAliveMs: 5_000,
  // Socket.io's defaults, which every client expects: a dead peer is found within 45 s,
  // while a phone on a poor network is not dropped by one slow round trip. 18,000
  // connections cost 720 pings a second.
  pingIntervalMs: 25_000,
  pingTimeoutMs: 20_000,
  // Socket.io's default: the probe and upgrade take two round trips.
  upgradeMs: 10_000,
  // A real client sends CONNECT right after the open packet; Socket.io's default (45 s)
  // would let a half-open handshake hold its socket much longer than needed.
  connectMs: 10_000,
};

/** The Node http server's options for these limits. */
export function httpServerTimeouts(timeouts: ConnectionTimeouts): HttpServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  };
}

/** The Socket.io (and Engine.io) server's options for these limits. */
export function socketServerTimeouts(timeouts: ConnectionTimeouts) {
  return {
    pingInterval: timeouts.pingIntervalMs,
    pingTimeout: timeouts.pingTimeoutMs,
    upgradeTimeout: timeouts.upgradeMs,
    connectTimeout: timeouts.connectMs,
  };
}

/**
 * A peer that stopped answering pings will not answer the websocket close handshake either,
 * and ws would keep its TCP connection 30 s more waiting for it: destroy it at once.
 */
export function terminateDeadPeers(io: WatchServer): void {
  io.engine.on('connection', (conn: EngineConnection) => {
    conn.once('close', (reason: unknown) => {
      if (reason === 'ping timeout') terminateWebsocket(conn);
    });
  });
}
