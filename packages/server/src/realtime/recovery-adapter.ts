import { randomBytes } from 'node:crypto';
import {
  Adapter,
  type BroadcastOptions,
  type PrivateSessionId,
  type Session,
} from 'socket.io-adapter';

type SessionToPersist = Parameters<Adapter['persistSession']>[0];

/** The parts of a Socket.io packet this adapter looks at (`type` 2: an event). */
interface OutgoingPacket {
  type: number;
  id?: number;
  data?: unknown[];
}

interface Retained {
  id: string;
  opts: BroadcastOptions;
  data: unknown[];
  emittedAt: number;
}

const EVENT = 2;

/** How often retained packets and sessions past the grace are let go, ms. */
export const RECOVERY_PRUNE_EVERY_MS = 1000;

/**
 * Socket.io's in-memory adapter with connection-state recovery (`SessionAwareAdapter`),
 * holding only what a recovery can still use. Socket.io's own keeps every broadcast for
 * the grace and then up to a minute more (it prunes once a minute), which on a busy
 * process is most of the memory a connection costs: 10,000 people chatting send about
 * 1,000 broadcasts a second, so a 15 s grace held up to 75,000 packets. This one prunes
 * every second (`RECOVERY_PRUNE_EVERY_MS`), so it holds the grace and a second.
 *
 * The rest is Socket.io's behaviour: each event broadcast without an acknowledgement gets
 * an offset id appended to its data (the client keeps the last one it saw), a dropped
 * connection's session is kept for the grace, and a recovery gets the packets after its
 * offset that were for its rooms.
 */
export function recoveryAdapter(
  graceMs: number,
  clock: () => number = Date.now,
  pruneEveryMs = RECOVERY_PRUNE_EVERY_MS,
): typeof Adapter {
  return class RecoveryAdapter extends Adapter {
    private readonly sessions = new Map<PrivateSessionId, SessionToPersist & { at: number }>();
    /** Oldest first: ids are handed out in order, `emittedAt` never decreases. */
    private retained: Retained[] = [];
    private readonly idPrefix = randomBytes(3).toString('hex');
    private sequence = 0;
    private readonly timer: ReturnType<typeof setInterval>;

    constructor(nsp: ConstructorParameters<typeof Adapter>[0]) {
      super(nsp);
      this.timer = setInterval(() => {
        this.prune();
      }, pruneEveryMs);
      this.timer.unref();
    }

    /** Packets a recovery could still ask for (for tests and metrics). */
    get retainedCount(): number {
      return this.retained.length;
    }

    override close(): Promise<void> | void {
      clearInterval(this.timer);
      return super.close();
    }

    override persistSession(session: SessionToPersist): void {
      this.sessions.set(session.pid, { ...session, at: clock() });
    }

    /**
     * The session and what it missed; a rejection (`NotRecoverable`) when it cannot be
     * recovered, which Socket.io takes as "connect afresh" (its type has no other answer).
     */
    override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
      const session = this.sessions.get(pid);
      this.sessions.delete(pid);
      if (!session || session.at + graceMs < clock()) {
        return Promise.reject(new NotRecoverable('no session of that id within the grace'));
      }
      const index = this.retained.findIndex((packet) => packet.id === offset);
      if (index === -1) {
        return Promise.reject(new NotRecoverable('the offset is older than what is kept'));
      }
      const missedPackets: unknown[][] = [];
      for (const packet of this.retained.slice(index + 1)) {
        if (isFor(session.rooms, packet.opts)) missedPackets.push(packet.data);
      }
      const { at: _at, ...persisted } = session;
      return Promise.resolve({ ...persisted, missedPackets });
    }

    override broadcast(packet: OutgoingPacket, opts: BroadcastOptions): void {
      // Packets with an acknowledgement cannot be replayed; volatile ones may be lost anyway.
      const replayable =
        packet.type === EVENT && packet.id === undefined && opts.flags?.volatile === undefined;
      if (replayable && packet.data) {
        const id = `${this.idPrefix}${(this.sequence++).toString(36)}`;
        packet.data.push(id);
        this.retained.push({ id, opts, data: packet.data, emittedAt: clock() });
      }
      super.broadcast(packet, opts);
    }

    /** Lets go of packets and sessions older than the grace. */
    prune(): void {
      const threshold = clock() - graceMs;
      let expired = 0;
      while (
        expired < this.retained.length &&
        (this.retained[expired]?.emittedAt ?? 0) < threshold
      ) {
        expired++;
      }
      if (expired > 0) this.retained = this.retained.slice(expired);
      for (const [pid, session] of this.sessions) {
        if (session.at < threshold) this.sessions.delete(pid);
      }
    }
  };
}

/** Why a connection comes back as a new one (its session or its offset is gone). */
export class NotRecoverable extends Error {
  override name = 'NotRecoverable';
}

/** Socket.io's rule: the packet went to one of the session's rooms and excluded none. */
function isFor(rooms: readonly string[], opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || rooms.some((room) => opts.rooms.has(room));
  return included && rooms.every((room) => !opts.except?.has(room));
}
