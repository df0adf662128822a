import { LRUCache } from 'lru-cache';
import type { SharedIdentities } from './shared-identities.js';
import type { WatchSocket } from './types.js';

/** Who a session was: the private id of its identity and the name it last had. */
export interface RememberedIdentity {
  privateId: string;
  name: string;
}

/**
 * Who a Socket.io session was, by the session id Socket.io gives every connection when
 * connection-state recovery is on. A plain Socket.io client sends that id back when it
 * reconnects (`auth.pid`), even to a server that has restarted, so a client that never
 * re-joins and has no session token (the seed's own client) keeps its identity and name.
 * The id is private to that client (Socket.io never shows it to others), so it proves
 * who the client is as well as a token does, for as long as it is remembered here.
 * With `shared` (Redis), every process remembers through it too, so the client is still
 * that person on a process it never met.
 */
export class IdentityMemory {
  private readonly identities: LRUCache<string, RememberedIdentity>;
  private changeCount = 0;

  constructor(
    capacity = 50_000,
    private readonly shared?: SharedIdentities,
  ) {
    this.identities = new LRUCache({ max: capacity });
  }

  /** Remembers the connection's identity under its current name. */
  remember(socket: WatchSocket, name: string): void {
    const sessionId = currentSessionId(socket);
    const privateId = socket.data.session?.privateId;
    if (sessionId === undefined || privateId === undefined) return;
    this.identities.set(sessionId, { privateId, name });
    this.shared?.set(sessionId, { privateId, name });
    this.changeCount++;
  }

  /** Grows with every identity remembered (the snapshot writes them when it moved). */
  get changes(): number {
    return this.changeCount;
  }

  /** Every remembered session, least recently used first (for the snapshot on disk). */
  entries(): { sessionId: string; identity: RememberedIdentity }[] {
    const entries: { sessionId: string; identity: RememberedIdentity }[] = [];
    for (const sessionId of this.identities.rkeys()) {
      const identity = this.identities.peek(sessionId);
      if (identity) entries.push({ sessionId, identity });
    }
    return entries;
  }

  /** Remembers sessions read back from a snapshot, in the order given (oldest first). */
  restore(entries: readonly { sessionId: string; identity: RememberedIdentity }[]): void {
    for (const { sessionId, identity } of entries) this.identities.set(sessionId, identity);
    this.changeCount++;
  }

  /** The identity of this connection's own session (it recovered), if we knew it. */
  current(socket: WatchSocket): Promise<RememberedIdentity | undefined> {
    return this.lookUp(currentSessionId(socket));
  }

  /** The identity of the session this reconnecting socket had, if we knew it. */
  recall(socket: WatchSocket): Promise<RememberedIdentity | undefined> {
    return this.lookUp(previousSessionId(socket));
  }

  private async lookUp(sessionId: string | undefined): Promise<RememberedIdentity | undefined> {
    if (sessionId === undefined) return undefined;
    const known = this.identities.get(sessionId);
    if (known !== undefined || !this.shared) return known;
    const remembered = await this.shared.get(sessionId);
    if (remembered !== undefined) this.identities.set(sessionId, remembered);
    return remembered;
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
