import type { SyncPartial } from '@wt/protocol';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MembersBroadcast,
  syncChannelOf,
  type SyncPartials,
} from '../../src/sync/members-broadcast.js';
import { SyncRegistry } from '../../src/sync/sync-registry.js';
import type { WatchServer } from '../../src/realtime/types.js';

const INTERVAL_MS = 150;

/** `count` players of `roomId` on this process, each on a connection of its own, in sync. */
function players(registry: SyncRegistry, roomId: string, count: number): void {
  for (let i = 0; i < count; i++) {
    registry.add(roomId, `socket-${i}`, `user-${i}`, true);
    registry.report(roomId, `socket-${i}`, { status: 'in_sync' });
  }
}

describe('MembersBroadcast with several processes', () => {
  let io: WatchServer;
  let published: SyncPartial[];
  let refreshes: SyncPartial[][];
  let partials: SyncPartials;

  beforeEach(() => {
    vi.useFakeTimers();
    io = new Server();
    published = [];
    refreshes = [];
    partials = {
      serverId: 'here',
      publish: (partial) => published.push(partial),
      publishMany: (many) => refreshes.push(many),
      refreshMs: 10_000,
      expireMs: 35_000,
    };
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces a room’s lists by the whole room, not by this process’s share of it', () => {
    const registry = new SyncRegistry();
    const members = new MembersBroadcast(io, registry, INTERVAL_MS, partials);
    players(registry, 'big', 30);
    // Another process has 30 more: 60 people, one more interval per 25 of them.
    members.received({
      from: 'there',
      roomId: 'big',
      members: Array.from({ length: 30 }, (_, i) => ({ id: `other-${i}`, status: 'in_sync' })),
    });
    members.changed('big');
    vi.advanceTimersByTime(INTERVAL_MS * 3 - 1);
    expect(published).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(published.map((partial) => partial.members.length)).toEqual([30]);
    members.close();
  });
  it('repeats every room’s share in one message, not one per room', () => {
    const registry = new SyncRegistry();
    const members = new MembersBroadcast(io, registry, INTERVAL_MS, partials);
    for (const roomId of ['a', 'b', 'c']) {
      players(registry, roomId, 2);
      members.changed(roomId);
    }
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(published.map((partial) => partial.roomId)).toEqual(['a', 'b', 'c']);
    published.length = 0;
    vi.advanceTimersByTime(partials.refreshMs);
    expect(published).toEqual([]);
    expect(refreshes.map((many) => many.map((partial) => partial.roomId))).toEqual([
      ['a', 'b', 'c'],
    ]);
    members.close();
  });

  it('takes a share told again unchanged as a sign of life only: no list is due for it', () => {
    const registry = new SyncRegistry();
    const members = new MembersBroadcast(io, registry, INTERVAL_MS, partials);
    // A connection of this process is told the room's sync.
    void io.of('/').adapter.addAll('listener', new Set([syncChannelOf('room')]));
    const share: SyncPartial = {
      from: 'there',
      roomId: 'room',
      members: [{ id: 'bob', status: 'in_sync' }],
    };
    const timers = vi.getTimerCount();
    members.received(share);
    expect(vi.getTimerCount()).toBe(timers + 1);
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(vi.getTimerCount()).toBe(timers);
    members.received({ ...share, members: [{ id: 'bob', status: 'in_sync' }] });
    expect(vi.getTimerCount()).toBe(timers);
    members.received({ ...share, members: [{ id: 'bob', status: 'buffering' }] });
    expect(vi.getTimerCount()).toBe(timers + 1);
    members.close();
  });
});
