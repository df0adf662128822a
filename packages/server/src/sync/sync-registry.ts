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

export class SyncRegistry {
  private readonly rooms = new Map<string, Map<string, ConnectionSync>>();

  add(roomId: string, socketId: string, userId: string, reportsReadiness: boolean): void {
    for (const other of this.rooms.get(roomId)?.values() ?? []) {
      if (other.userId === userId) other.superseded = true;
    }
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
    const connection = room?.get(socketId);
    room?.delete(socketId);
    if (room?.size === 0) this.rooms.delete(roomId);
    return connection;
  }

  /** Puts a connection that recovered back, with what it had reported. */
  attach(roomId: string, connection: ConnectionSync): void {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new Map();
      this.rooms.set(roomId, room);
    }
    room.set(connection.socketId, connection);
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
    const connection = this.rooms.get(roomId)?.get(socketId);
    if (!connection) return { membersChanged: false, readinessChanged: false };
    const readiness = [connection.readyEpoch, connection.preloadedItemId, connection.superseded];
    // Only this person's entry can change: compare it alone (a big room reports a lot).
    const before = this.personOf(roomId, connection.userId);
    connection.superseded = false;
    if (report.rttMs !== undefined) connection.rttMs = report.rttMs;
    if (report.readyEpoch !== undefined) connection.readyEpoch = report.readyEpoch;
    if (report.preloadedItemId !== undefined) connection.preloadedItemId = report.preloadedItemId;
    if (report.status !== undefined) connection.status = report.status;
    const after = this.personOf(roomId, connection.userId);
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
    let slowest = 0;
    for (const connection of this.rooms.get(roomId)?.values() ?? []) {
      slowest = Math.max(slowest, connection.rttMs ?? 0);
    }
    return slowest;
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
    for (const connection of this.rooms.get(roomId)?.values() ?? []) {
      if (connection.reportsReadiness && !connection.superseded) yield connection;
    }
  }

  /** One entry per person who reported anything: their worst status and slowest round trip. */
  members(roomId: string): MemberSync[] {
    return this.people(this.rooms.get(roomId)?.values() ?? []);
  }

  /** One person's entry in `members` (undefined when they reported nothing). */
  private personOf(roomId: string, userId: string): MemberSync | undefined {
    const theirs: ConnectionSync[] = [];
    for (const connection of this.rooms.get(roomId)?.values() ?? []) {
      if (connection.userId === userId) theirs.push(connection);
    }
    return this.people(theirs)[0];
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
