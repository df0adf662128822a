import type { Socket } from 'node:net';

export interface TarpitLimits {
  /** Held connections per address; beyond it the address's new ones are closed at once. */
  perAddress: number;
  /** Held connections in all (each is an open file). */
  total: number;
}

const DEFAULT_LIMITS: TarpitLimits = { perAddress: 64, total: 2048 };

/**
 * Connections of an address that is cooling off after a flood, held open and unanswered
 * until its cooldown ends, then closed. Closing them at once invites a flooder that retries
 * on every failure to open thousands a second (each an accept, a close, and the flooder's
 * own CPU on the same host); holding them makes each attempt wait out the cooldown. Bounded
 * per address and in all, so held connections never crowd out files for everyone else.
 */
export class Tarpit {
  private readonly held = new Map<string, Set<Socket>>();
  private total = 0;

  constructor(private readonly limits: TarpitLimits = DEFAULT_LIMITS) {}

  /**
   * Holds `socket` of `address` until `until` (epoch ms). False when the address or the
   * tarpit is full: the caller closes the connection itself.
   */
  hold(socket: Socket, address: string, until: number, now = Date.now()): boolean {
    const mine = this.held.get(address) ?? new Set<Socket>();
    if (mine.size >= this.limits.perAddress || this.total >= this.limits.total) return false;
    mine.add(socket);
    this.held.set(address, mine);
    this.total++;
    const timer = setTimeout(() => socket.destroy(), Math.max(0, until - now));
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      mine.delete(socket);
      this.total--;
      if (mine.size === 0 && this.held.get(address) === mine) this.held.delete(address);
    });
    return true;
  }

  /** Whether `socket` is held (its request, if any, is never answered). */
  holds(socket: Socket, address: string): boolean {
    return this.held.get(address)?.has(socket) ?? false;
  }

  /** Connections held now (metrics, tests). */
  size(): number {
    return this.total;
  }

  /** Closes every held connection (shutdown). */
  close(): void {
    for (const sockets of this.held.values()) for (const socket of sockets) socket.destroy();
  }
}
