import { EventEmitter } from 'node:events';
import { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { clientAddress } from './client-address.js';
import type { OriginPolicy } from './origin-policy.js';

export interface AdmissionOptions {
  origins: OriginPolicy;
  /** Open connections one address may hold in this process. */
  maxConnectionsPerAddress: number;
  trustProxy: boolean;
  /** Told of every refusal (metrics, logs). */
  refused?: (reason: 'origin' | 'connections', address: string) => void;
}

/**
 * The gate of the Socket.io handshake (engine.io's `allowRequest`, run once per new
 * connection before any upgrade): refuses pages of other origins, and addresses that already
 * hold their share of connections. Counts each address's open connections while they live.
 */
export class ConnectionAdmission {
  private readonly open = new Map<string, number>();

  constructor(private readonly options: AdmissionOptions) {}

  /** For `new Server(http, { allowRequest })`. */
  readonly allowRequest = (
    req: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    const { origins, maxConnectionsPerAddress, trustProxy } = this.options;
    const address = clientAddress(req, trustProxy);
    if (!origins.allows(req.headers.origin, req.headers.host)) {
      this.options.refused?.('origin', address);
      callback('origin not allowed', false);
      return;
    }
    if ((this.open.get(address) ?? 0) >= maxConnectionsPerAddress) {
      this.options.refused?.('connections', address);
      callback('too many connections from this address', false);
      return;
    }
    callback(null, true);
  };

  /** Counts the engine's connections per address from now on. */
  track(io: Server): void {
    io.engine.on('connection', (raw: unknown) => {
      // engine.io's socket (not a dependency of ours to import): its request and its close.
      if (!(raw instanceof EventEmitter) || !('request' in raw)) return;
      const { request } = raw;
      if (!(request instanceof IncomingMessage)) return;
      const address = clientAddress(request, this.options.trustProxy);
      this.open.set(address, (this.open.get(address) ?? 0) + 1);
      raw.once('close', () => {
        const left = (this.open.get(address) ?? 1) - 1;
        if (left <= 0) this.open.delete(address);
        else this.open.set(address, left);
      });
    });
  }

  /** Open connections of an address (for tests and metrics). */
  connectionsOf(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
