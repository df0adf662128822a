import type { MemberSync, SyncStatus } from '@wt/protocol';
import { combined } from './sync-lists.js';

/**
 * How each connection's player is doing: its round trip, what it is prepared for, its
 * status. Short-lived and per connection, so it never goes into the persisted room
 * (a later issue moves presence into a registry of its own, shared through Redis).
 * Only connections that announced protocol 2 take part in the buffering gate.
 */
export interface ConnectionSync {
  socketId: string;
  userId: string;
  /** Whether this client prepares scheduled starts and reports it (protocol >= 2). */
  reportsReadiness: boolean;
  rttMs: number | undefined;
  readyEpoch: number | undefined;
  preloadedItemId: number | undefined;
  status: SyncStatus | undefined;
  /**
   * The same person joined again from another connection (a reload, a new tab) and this
   * one has said nothing since: it may be a dead connection the server has not noticed
   * yet, so no start waits for it until it reports again.
   */
  superseded: boolean;
}

export type SyncReport = Partial<
  Pick<ConnectionSync, 'rttMs' | 'readyEpoch' | 'preloadedItemId' | 'status'>
>;

/** What a scheduled start needs every player to be prepared for. */
export interface StartPoint {
  epoch: number;
  itemId: number | undefined;
  position: number;
}

/**
 * Round trips jitter from one clock sync to the next, and more so when the server is busy;
 * that is not worth telling the room (every `sync_members` goes to everyone, and telling it
 * on every jitter would make a busy server busier still). A move of 100 ms and a half is:
 * a different network, not noise. A list sent for another reason carries the latest values.
 */
function rttMoved(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined || after === undefined) return before !== after;
  const moved = Math.abs(after - before);
  return moved >= 100 && moved >= Math.max(before, after) / 2;
}

/**
 * One room's connections, indexed by socket and by person, with the slowest round trip
 * kept: a room of a thousand reports a lot, and a report, a join or a start must cost the
 * one person concerned, not a scan of the room.
 */
class RoomSyncs {
  readonly bySocket = new Map<string, ConnectionSync>();
  private readonly byUser = new Map<string, Set<ConnectionSync>>();
  /** The slowest `rttMs` here, or undefined when it must be found again. */
  private slowest: number | undefined = 0;

  of(userId: string): ReadonlySet<ConnectionSync> {
    return this.byUser.get(userId) ?? new Set();
  }

  put(connection: ConnectionSync): void {
    this.take(connection.socketId);
    this.bySocket.set(connection.socketId, connection);
    let theirs = this.byUser.get(connection.userId);
    if (!theirs) {
      theirs = new Set();
      this.byUser.set(connection.userId, theirs);
    }
    theirs.add(connection);
    this.rttChanged(undefined, connection.rttMs);
  }

  take(socketId: string): ConnectionSync | undefined {
    const connection = this.bySocket.get(socketId);
    if (!connection) return undefined;
    this.bySocket.delete(socketId);
    const theirs = this.byUser.get(connection.userId);
    theirs?.delete(connection);
    if (theirs?.size === 0) this.byUser.delete(connection.userId);
    this.rttChanged(connection.rttMs, undefined);
    return connection;
  }

  /** Keeps the slowest round trip right when one connection's moves from `before` to `after`. */
  rttChanged(before: number | undefined, after: number | undefined): void {
    if (this.slowest === undefined) return;
    if ((after ?? 0) >= this.slowest) this.slowest = after ?? 0;
    else if ((before ?? 0) >= this.slowest) this.slowest = undefined;
  }

  slowestRttMs(): number {
    if (this.slowest === undefined) {
      let slowest = 0;
      for (const connection of this.bySocket.values()) {
        slowest = Math.max(slowest, connection.rttMs ?? 0);
      }
      this.slowest = slowest;
    }
    return this.slowest;
  }
}

export class SyncRegistry {
  private readonly rooms = new Map<string, RoomSyncs>();

  add(roomId: string, socketId: string, userId: string, reportsReadiness: boolean): void {
    for (const other of this.rooms.get(roomId)?.of(userId) ?? []) other.superseded = true;
    this.attach(roomId, {
      socketId,
      userId,
      reportsReadiness,
      rttMs: undefined,
      readyEpoch: undefined,
      preloadedItemId: undefined,
      status: undefined,
      superseded: false,
    });
  }

  remove(roomId: string, socketId: string): boolean {
    return this.detach(roomId, socketId) !== undefined;
  }

  /** Takes a connection out (it dropped) and hands back what it had reported. */
  detach(roomId: string, socketId: string): ConnectionSync | undefined {
    const room = this.rooms.get(roomId);
    const connection = room?.take(socketId);
    if (room?.bySocket.size === 0) this.rooms.delete(roomId);
    return connection;
  }

  /** Puts a connection that recovered back, with what it had reported. */
  attach(roomId: string, connection: ConnectionSync): void {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new RoomSyncs();
      this.rooms.set(roomId, room);
    }
    room.put(connection);
  }

  /**
   * Applies a report; says whether what others see (`members`) changed, and whether this
   * player's readiness did (only then can a held start open).
   */
  report(
    roomId: string,
    socketId: string,
    report: SyncReport,
  ): { membersChanged: boolean; readinessChanged: boolean } {
    const room = this.rooms.get(roomId);
    const connection = room?.bySocket.get(socketId);
    if (!room || !connection) return { membersChanged: false, readinessChanged: false };
    const readiness = [connection.readyEpoch, connection.preloadedItemId, connection.superseded];
    // Only this person's entry can change: compare it alone (a big room reports a lot).
    const before = this.people(room.of(connection.userId))[0];
    connection.superseded = false;
    if (report.rttMs !== undefined) {
      room.rttChanged(connection.rttMs, report.rttMs);
      connection.rttMs = report.rttMs;
    }
    if (report.readyEpoch !== undefined) connection.readyEpoch = report.readyEpoch;
    if (report.preloadedItemId !== undefined) connection.preloadedItemId = report.preloadedItemId;
    if (report.status !== undefined) connection.status = report.status;
    const after = this.people(room.of(connection.userId))[0];
    const same =
      before?.status === after?.status &&
      !rttMoved(before?.rttMs, after?.rttMs) &&
      !before === !after;
    const [epoch, preloaded, superseded] = readiness;
    const readinessChanged =
      epoch !== connection.readyEpoch ||
      preloaded !== connection.preloadedItemId ||
      superseded !== connection.superseded;
    return { membersChanged: !same, readinessChanged };
  }

  /** The slowest round trip any player in the room reported (0 when none did). */
  slowestRttMs(roomId: string): number {
    return this.rooms.get(roomId)?.slowestRttMs() ?? 0;
  }

  /** Whether every reporting player is prepared for this start. */
  allReady(roomId: string, start: StartPoint): boolean {
    for (const connection of this.waitedFor(roomId)) {
      const prepared = connection.readyEpoch === start.epoch;
      const preloaded =
        start.position === 0 &&
        start.itemId !== undefined &&
        connection.preloadedItemId === start.itemId;
      if (!prepared && !preloaded) return false;
    }
    return true;
  }

  /** Whether every reporting player has buffered `itemId` from its start. */
  allPreloaded(roomId: string, itemId: number): boolean {
    for (const connection of this.waitedFor(roomId)) {
      if (connection.preloadedItemId !== itemId) return false;
    }
    return true;
  }

  /** The players a start waits for: those that report readiness and are not superseded. */
  private *waitedFor(roomId: string): Generator<ConnectionSync> {
    for (const connection of this.rooms.get(roomId)?.bySocket.values() ?? []) {
      if (connection.reportsReadiness && !connection.superseded) yield connection;
    }
  }

  /** One entry per person who reported anything: their worst status and slowest round trip. */
  members(roomId: string): MemberSync[] {
    return this.people(this.rooms.get(roomId)?.bySocket.values() ?? []);
  }

  private people(connections: Iterable<ConnectionSync>): MemberSync[] {
    const people = new Map<string, MemberSync>();
    for (const connection of connections) {
      if (connection.status === undefined) continue;
      const entry: MemberSync = { id: connection.userId, status: connection.status };
      if ((connection.rttMs ?? 0) > 0) entry.rttMs = Math.round(connection.rttMs ?? 0);
      const known = people.get(connection.userId);
      people.set(connection.userId, known ? combined(known, entry) : entry);
    }
    return [...people.values()];
  }

  roomCount(): number {
    return this.rooms.size;
  }
}
