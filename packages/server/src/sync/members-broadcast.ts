import type { MemberSync, SyncPartial } from '@wt/protocol';
import type { WatchServer } from '../realtime/types.js';
import type { SyncRegistry } from './sync-registry.js';
import { mergeSyncLists } from './sync-lists.js';

/** The Socket.io room of a room's protocol-2 connections, the only ones told about sync. */
export function syncChannelOf(roomId: string): string {
  // Room ids are `A-Za-z0-9_-` only, so this can never be another room's id.
  return `${roomId}#sync`;
}

/** Above this many people, a room's `sync_members` goes out proportionally less often. */
const PEOPLE_PER_INTERVAL = 25;

/** How several processes share their players' statuses (absent: one process alone). */
export interface SyncPartials {
  /** This process's id in its `sync_partial` messages. */
  serverId: string;
  /** Tells the other processes (the adapter's `serverSideEmit`). */
  publish(partial: SyncPartial): void;
  /** Tells them many shares at once (a refresh): a few messages, not one per room. */
  publishMany(partials: SyncPartial[]): void;
  /** A process's share is repeated this often while it has players in the room (ms). */
  refreshMs: number;
  /** A share not repeated for this long is a dead process's, and dropped (ms). */
  expireMs: number;
}

interface RemoteShare {
  members: MemberSync[];
  /** `members` as JSON: a share told again unchanged (a refresh) changes nothing shown. */
  text: string;
  receivedAt: number;
}

/**
 * Sends `sync_members` to a room's people when what it shows changed, at most once per
 * `intervalMs`: statuses flicker while players catch up, and nobody needs every flicker.
 * The list is the whole room, so a big room's interval grows with it (one more
 * `intervalMs` per 25 people): the bytes it costs per second stay linear in its size. A
 * list that shows what the last one showed is not sent again.
 *
 * Each process knows only its own connections' players (`SyncRegistry`). With several
 * processes, each tells the others its share of a room when it changes (and again every
 * `refreshMs`, so the share of a process that died expires), and sends its own
 * connections the union of every share.
 */
export class MembersBroadcast {
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
  /** The other processes' shares, by room, by process. */
  private readonly remote = new Map<string, Map<string, RemoteShare>>();
  /** The text of the last list sent to this process's connections, by room. */
  private readonly sent = new Map<string, string>();
  /** The text of the last share told to the others, by room. */
  private readonly published = new Map<string, string>();
  private readonly refresher: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly io: WatchServer,
    private readonly registry: SyncRegistry,
    private readonly intervalMs = 150,
    private readonly partials?: SyncPartials,
    private readonly clock: () => number = Date.now,
  ) {
    if (partials) {
      this.refresher = setInterval(() => {
        this.refresh();
      }, partials.refreshMs);
      this.refresher.unref();
    }
  }

  /** The room's players as everyone sees them: every process's share. */
  current(roomId: string, local = this.registry.members(roomId)): MemberSync[] {
    const shares = this.remote.get(roomId);
    if (!shares || shares.size === 0) return local;
    return mergeSyncLists([local, ...[...shares.values()].map((share) => share.members)]);
  }

  changed(roomId: string): void {
    if (this.due.has(roomId)) return;
    const people = this.people(roomId);
    const delayMs = this.intervalMs * Math.max(1, Math.ceil(people / PEOPLE_PER_INTERVAL));
    const timer = setTimeout(() => {
      this.due.delete(roomId);
      this.flush(roomId);
    }, delayMs);
    this.due.set(roomId, timer);
  }

  /** Another process's share of a room (`sync_partial`, parsed). */
  received(partial: SyncPartial): void {
    if (!this.partials || partial.from === this.partials.serverId) return;
    let shares = this.remote.get(partial.roomId);
    if (!shares) {
      shares = new Map();
      this.remote.set(partial.roomId, shares);
    }
    const text = JSON.stringify(partial.members);
    const before = shares.get(partial.from)?.text ?? '[]';
    if (partial.members.length === 0) shares.delete(partial.from);
    else {
      shares.set(partial.from, { members: partial.members, text, receivedAt: this.clock() });
    }
    if (shares.size === 0) this.remote.delete(partial.roomId);
    // The same share again (a refresh) only says its process is alive.
    if (text === before) return;
    // Nobody here to tell: the share is kept for whoever joins here later.
    if (this.hasLocalListeners(partial.roomId)) this.changed(partial.roomId);
  }

  close(): void {
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
    if (this.refresher !== undefined) clearInterval(this.refresher);
  }

  private flush(roomId: string): void {
    const local = this.registry.members(roomId);
    this.publish(roomId, local);
    if (!this.hasLocalListeners(roomId)) {
      this.sent.delete(roomId);
      return;
    }
    const list = this.current(roomId, local);
    const text = JSON.stringify(list);
    if (this.sent.get(roomId) === text) return;
    this.sent.set(roomId, text);
    this.io.local.to(syncChannelOf(roomId)).emit('sync_members', list);
  }

  /**
   * The people the room's list shows, on every process: its interval grows with the whole
   * room, as each list carries it whole. Counted by this process's share alone, a room of
   * 1,000 over two processes would get its lists twice as often as on one.
   */
  private people(roomId: string): number {
    let people = this.registry.members(roomId).length;
    for (const share of this.remote.get(roomId)?.values() ?? []) people += share.members.length;
    return people;
  }

  /** Whether connections of this process are told about the room's sync (protocol 2+). */
  private hasLocalListeners(roomId: string): boolean {
    return (this.io.of('/').adapter.rooms.get(syncChannelOf(roomId))?.size ?? 0) > 0;
  }

  /** Tells the others this process's share if it changed. */
  private publish(roomId: string, members: MemberSync[]): void {
    const partial = this.shareToTell(roomId, members, false);
    if (partial) this.partials?.publish(partial);
  }

  /**
   * This process's share of a room, to tell the others if it changed (or `always`, to keep
   * it alive), remembered as told; undefined when there is nothing to tell.
   */
  private shareToTell(
    roomId: string,
    members: MemberSync[],
    always: boolean,
  ): SyncPartial | undefined {
    const partials = this.partials;
    if (!partials) return undefined;
    const text = JSON.stringify(members);
    const before = this.published.get(roomId);
    if (before === undefined && members.length === 0) return undefined; // Never told: nothing to take back.
    if (!always && before === text) return undefined;
    if (members.length === 0) this.published.delete(roomId);
    else this.published.set(roomId, text);
    return { from: partials.serverId, roomId, members };
  }

  /**
   * Repeats this process's shares, all in a few messages (one per room, thousands of rooms
   * would be thousands of messages at once every interval, on every process), and drops
   * the shares of processes gone silent.
   */
  private refresh(): void {
    const partials = this.partials;
    if (!partials) return;
    const shares: SyncPartial[] = [];
    for (const roomId of [...this.published.keys()]) {
      const share = this.shareToTell(roomId, this.registry.members(roomId), true);
      if (share) shares.push(share);
    }
    if (shares.length > 0) partials.publishMany(shares);
    const oldest = this.clock() - partials.expireMs;
    for (const [roomId, shares] of this.remote) {
      let dropped = false;
      for (const [from, share] of shares) {
        if (share.receivedAt >= oldest) continue;
        shares.delete(from);
        dropped = true;
      }
      if (shares.size === 0) this.remote.delete(roomId);
      if (dropped) this.changed(roomId);
    }
  }
}
