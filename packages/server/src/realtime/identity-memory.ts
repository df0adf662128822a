import type { UserInfo } from '@wt/protocol';
import { LruMap } from '../resolver/lru.js';
import type { WatchSocket } from './types.js';

/**
 * Who a Socket.io session was, by the session id Socket.io gives every connection when
 * connection-state recovery is on. A plain Socket.io client sends that id back when it
 * reconnects (`auth.pid`), even to a server that has restarted, so a client that never
 * re-joins (the seed's own client) can be put back in its room as the person it was.
 */
export class IdentityMemory {
  private readonly identities: LruMap<string, UserInfo>;
  private changeCount = 0;

  constructor(capacity = 50_000) {
    this.identities = new LruMap(capacity);
  }

  remember(socket: WatchSocket, identity: UserInfo): void {
    const sessionId = currentSessionId(socket);
    if (sessionId === undefined) return;
    this.identities.set(sessionId, identity);
    this.changeCount++;
  }

  /** Grows with every identity remembered (the snapshot writes them when it moved). */
  get changes(): number {
    return this.changeCount;
  }

  /** Every remembered session, oldest first (for the snapshot on disk). */
  entries(): { sessionId: string; user: UserInfo }[] {
    return this.identities.entries().map(([sessionId, user]) => ({ sessionId, user }));
  }

  /** Remembers sessions read back from a snapshot, in the order given (oldest first). */
  restore(entries: readonly { sessionId: string; user: UserInfo }[]): void {
    for (const { sessionId, user } of entries) this.identities.set(sessionId, user);
    this.changeCount++;
  }

  /** The identity of this connection's own session (it recovered), if we knew it. */
  current(socket: WatchSocket): UserInfo | undefined {
    const sessionId = currentSessionId(socket);
    return sessionId === undefined ? undefined : this.identities.get(sessionId);
  }

  /** The identity of the session this reconnecting socket had, if we knew it. */
  recall(socket: WatchSocket): UserInfo | undefined {
    const previous = previousSessionId(socket);
    return previous === undefined ? undefined : this.identities.get(previous);
  }
}

/** This connection's recovery session id (Socket.io keeps it private; read, never written). */
function currentSessionId(socket: WatchSocket): string | undefined {
  const pid: unknown = Reflect.get(socket, 'pid');
  return typeof pid === 'string' && pid.length > 0 ? pid : undefined;
}

/** The session id a reconnecting client sent back in its handshake, if any. */
export function previousSessionId(socket: WatchSocket): string | undefined {
  const auth: unknown = socket.handshake.auth;
  if (typeof auth !== 'object' || auth === null) return undefined;
  const pid: unknown = Reflect.get(auth, 'pid');
  return typeof pid === 'string' && pid.length > 0 && pid.length <= 64 ? pid : undefined;
}
