import type { ConnectionSync } from '../sync/sync-registry.js';

interface Departure {
  roomId: string;
  sync: ConnectionSync | undefined;
  timer: ReturnType<typeof setTimeout>;
  leave: () => Promise<void>;
}

/**
 * Connections that dropped without saying goodbye (a network blip, a phone changing
 * networks, a reload). Their member stays in the room for a grace period: if the
 * connection recovers in time (Socket.io connection-state recovery keeps its id), it
 * carries on as if nothing happened; otherwise it leaves then.
 */
export class Departures {
  private readonly pending = new Map<string, Departure>();

  constructor(private readonly graceMs: number) {}

  defer(
    socketId: string,
    roomId: string,
    sync: ConnectionSync | undefined,
    leave: () => Promise<void>,
  ): void {
    this.resume(socketId);
    const timer = setTimeout(() => {
      this.pending.delete(socketId);
      void leave();
    }, this.graceMs);
    this.pending.set(socketId, { roomId, sync, timer, leave });
  }

  /** The connection is back: its departure is cancelled. Undefined when it already left. */
  resume(socketId: string): { roomId: string; sync: ConnectionSync | undefined } | undefined {
    const departure = this.pending.get(socketId);
    if (!departure) return undefined;
    clearTimeout(departure.timer);
    this.pending.delete(socketId);
    return { roomId: departure.roomId, sync: departure.sync };
  }

  /**
   * Forgets every pending departure without running it (a shutdown that hands its people
   * over: whoever does not come back is made to leave by a live process).
   */
  abandon(): void {
    for (const departure of this.pending.values()) clearTimeout(departure.timer);
    this.pending.clear();
  }

  /** Runs every pending departure now (shutdown). */
  async flush(): Promise<void> {
    const departures = [...this.pending.values()];
    this.pending.clear();
    for (const departure of departures) clearTimeout(departure.timer);
    await Promise.all(departures.map((departure) => departure.leave()));
  }
}
