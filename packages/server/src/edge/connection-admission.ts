import { EventEmitter } from 'node:events';
import { IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Server } from 'socket.io';
import { clientAddress, normalise } from './client-address.js';
import type { OriginPolicy } from './origin-policy.js';
import { Tarpit } from './tarpit.js';

/** Open connections per address over every process (`shared-connection-counts.ts`). */
export interface SharedCounts {
  /** Undefined when the shared store cannot answer: this process's own count decides. */
  count(address: string): Promise<number | undefined>;
  opened(address: string): void;
  closed(address: string): void;
}

export interface AdmissionOptions {
  origins: OriginPolicy;
  /** Open connections one address may hold (over every process with `shared`). */
  maxConnectionsPerAddress: number;
  /** With several processes on one Redis: the address's connections on all of them. */
  shared?: SharedCounts;
  /** How long an address is refused new connections after one was disconnected for flooding. */
  floodCooldownMs: number;
  trustProxy: boolean;
  /** Told of every refusal (metrics, logs). */
  refused?: (reason: 'origin' | 'connections' | 'flooding', address: string) => void;
}

/** Cooling addresses kept before the expired ones are swept. */
const SWEEP_ABOVE = 1000;

/**
 * The gate of the Socket.io handshake (engine.io's `allowRequest`, run once per new
 * connection before any upgrade): refuses pages of other origins, addresses that already
 * hold their share of connections, and for a while addresses that just flooded (a flooder
 * that reconnects at once would otherwise start every flood again, and every packet of a
 * read is decoded before the first is refused). Counts each address's open connections
 * while they live, in this process and, with `shared`, over every process.
 */
export class ConnectionAdmission {
  private readonly open = new Map<string, number>();
  /** Addresses that flooded, and until when (epoch ms) they are refused new connections. */
  private readonly cooling = new Map<string, number>();
  /** Connections of cooling addresses, held unanswered until their cooldown ends. */
  private readonly tarpit = new Tarpit();

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
    if (this.isCooling(address, Date.now())) {
      // A held connection's request goes unanswered: the tarpit closes it at the end.
      if (this.tarpit.holds(req.socket, normalise(req.socket.remoteAddress ?? 'unknown'))) return;
      this.options.refused?.('flooding', address);
      callback('too many events from this address: try again in a few seconds', false);
      return;
    }
    const tooMany = (): void => {
      this.options.refused?.('connections', address);
      callback('too many connections from this address', false);
    };
    if ((this.open.get(address) ?? 0) >= maxConnectionsPerAddress) {
      tooMany();
      return;
    }
    const { shared } = this.options;
    if (!shared) {
      callback(null, true);
      return;
    }
    // Never rejects: without an answer, this process's own count (above) has decided.
    void shared.count(address).then((total) => {
      if (total !== undefined && total >= maxConnectionsPerAddress) tooMany();
      else callback(null, true);
    });
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
      this.options.shared?.opened(address);
      raw.once('close', () => {
        this.options.shared?.closed(address);
        const left = (this.open.get(address) ?? 1) - 1;
        if (left <= 0) this.open.delete(address);
        else this.open.set(address, left);
      });
    });
  }

  /**
   * Without a proxy in front, the peer is the person: a connection of an address that is
   * cooling off is held open and unanswered until the cooldown ends (the tarpit), so a
   * flooder that retries on every failure waits out the cooldown instead of opening
   * thousands of connections a second; past the tarpit's bounds it is cut at once, before
   * any HTTP is parsed or answered. (Behind a proxy every connection is the proxy's: the
   * handshake gate above decides instead.)
   */
  guardSockets(http: HttpServer): void {
    if (this.options.trustProxy) return;
    http.on('connection', (socket) => {
      const address = normalise(socket.remoteAddress ?? 'unknown');
      const now = Date.now();
      if (!this.isCooling(address, now)) return;
      this.options.refused?.('flooding', address);
      const until = this.cooling.get(address) ?? now;
      if (!this.tarpit.hold(socket, address, until, now)) socket.destroy();
    });
  }

  /** Connections held by the tarpit now. */
  heldConnections(): number {
    return this.tarpit.size();
  }

  /** Closes the connections the tarpit holds (shutdown). */
  close(): void {
    this.tarpit.close();
  }

  /** One of `address`'s connections was disconnected for flooding: refuse it for a while. */
  flooded(address: string, now = Date.now()): void {
    if (this.options.floodCooldownMs <= 0) return;
    if (this.cooling.size >= SWEEP_ABOVE) {
      for (const [cooled, until] of this.cooling) if (until <= now) this.cooling.delete(cooled);
    }
    this.cooling.set(address, now + this.options.floodCooldownMs);
  }

  private isCooling(address: string, now: number): boolean {
    const until = this.cooling.get(address);
    if (until === undefined) return false;
    if (until > now) return true;
    this.cooling.delete(address);
    return false;
  }

  /** Open connections of an address (for tests and metrics). */
  connectionsOf(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
