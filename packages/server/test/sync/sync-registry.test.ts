import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncRegistry } from '../../src/sync/sync-registry.js';

const START = { epoch: 3, itemId: 7, position: 0 };

describe('SyncRegistry', () => {
  it('a start waits for every reporting player, never for a seed client', () => {
    const registry = new SyncRegistry();
    registry.add('r', 's1', 'alice', true);
    registry.add('r', 's2', 'bob', true);
    registry.add('r', 'seed', 'carol', false);
    expect(registry.allReady('r', START)).toBe(false);
    registry.report('r', 's1', { readyEpoch: 3 });
    expect(registry.allReady('r', START)).toBe(false);
    registry.report('r', 's2', { preloadedItemId: 7 });
    expect(registry.allReady('r', START)).toBe(true);
    // Readiness for an older decision, or a preload for a start not at 0, does not count.
    expect(registry.allReady('r', { ...START, epoch: 4 })).toBe(false);
    expect(registry.allReady('r', { ...START, position: 2 })).toBe(false);
  });

  it('a connection superseded by the same person joining again is not waited for until it reports', () => {
    const registry = new SyncRegistry();
    registry.add('r', 'old-tab', 'alice', true);
    registry.add('r', 'reloaded', 'alice', true);
    registry.report('r', 'reloaded', { readyEpoch: 3 });
    expect(registry.allReady('r', START)).toBe(true);
    expect(registry.allPreloaded('r', 7)).toBe(false);
    registry.report('r', 'reloaded', { preloadedItemId: 7 });
    expect(registry.allPreloaded('r', 7)).toBe(true);
    // The old one speaks again: it is a live second tab, and counts again.
    registry.report('r', 'old-tab', { status: 'buffering' });
    expect(registry.allReady('r', START)).toBe(false);
  });

  it('one entry per person, with their worst status and slowest round trip', () => {
    const registry = new SyncRegistry();
    registry.add('r', 'a1', 'alice', true);
    registry.add('r', 'a2', 'alice', true);
    registry.add('r', 'b1', 'bob', true);
    registry.report('r', 'a1', { status: 'in_sync', rttMs: 40 });
    registry.report('r', 'a2', { status: 'buffering', rttMs: 120.4 });
    expect(registry.members('r')).toEqual([{ id: 'alice', status: 'buffering', rttMs: 120 }]);
    expect(registry.slowestRttMs('r')).toBe(120.4);
    const changed = registry.report('r', 'b1', { status: 'catching_up' });
    expect(changed).toEqual({ membersChanged: true, readinessChanged: false });
    expect(registry.report('r', 'b1', { status: 'catching_up' })).toEqual({
      membersChanged: false,
      readinessChanged: false,
    });
  });

  it('tells the room about a round trip that moved, not about its jitter', () => {
    const registry = new SyncRegistry();
    registry.add('r', 'a1', 'alice', true);
    expect(registry.report('r', 'a1', { status: 'in_sync', rttMs: 100 }).membersChanged).toBe(true);
    expect(registry.report('r', 'a1', { rttMs: 108 }).membersChanged).toBe(false);
    expect(registry.report('r', 'a1', { rttMs: 92 }).membersChanged).toBe(false);
    // A busy server's jitter: 100 to 160 ms is not news either.
    expect(registry.report('r', 'a1', { rttMs: 160 }).membersChanged).toBe(false);
    expect(registry.report('r', 'a1', { rttMs: 320 }).membersChanged).toBe(true);
    expect(registry.members('r')).toEqual([{ id: 'alice', status: 'in_sync', rttMs: 320 }]);
    expect(registry.report('r', 'a1', { rttMs: 260 }).membersChanged).toBe(false);
  });

  it('says when the readiness of a player changed, not when it is repeated', () => {
    const registry = new SyncRegistry();
    registry.add('r', 'a1', 'alice', true);
    expect(registry.report('r', 'a1', { readyEpoch: 3 }).readinessChanged).toBe(true);
    expect(registry.report('r', 'a1', { readyEpoch: 3, rttMs: 50 }).readinessChanged).toBe(false);
    expect(registry.report('r', 'a1', { preloadedItemId: 7 }).readinessChanged).toBe(true);
    expect(registry.report('r', 'a1', { readyEpoch: 4, preloadedItemId: 7 }).readinessChanged).toBe(
      true,
    );
  });

  it('a dropped connection is detached and comes back with what it had reported', () => {
    const registry = new SyncRegistry();
    registry.add('r', 's1', 'alice', true);
    registry.report('r', 's1', { rttMs: 90, readyEpoch: 3 });
    const detached = registry.detach('r', 's1');
    expect(registry.roomCount()).toBe(0);
    expect(registry.allReady('r', START)).toBe(true);
    if (!detached) throw new Error('nothing detached');
    registry.attach('r', detached);
    expect(registry.slowestRttMs('r')).toBe(90);
  });

  it('the slowest round trip stays right through any joins, reports and drops', () => {
    // Kept as connections come, report and go (no scan per start); checked against one.
    const step = fc.oneof(
      fc.record({ op: fc.constant('add' as const), socket: fc.nat(5), user: fc.nat(2) }),
      fc.record({ op: fc.constant('report' as const), socket: fc.nat(5), rtt: fc.nat(400) }),
      fc.record({ op: fc.constant('drop' as const), socket: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const registry = new SyncRegistry();
        const rtts = new Map<string, number>();
        for (const s of steps) {
          const socket = `s${s.socket}`;
          if (s.op === 'add') {
            registry.remove('r', socket);
            registry.add('r', socket, `u${s.user}`, true);
            rtts.set(socket, 0);
          } else if (s.op === 'report') {
            registry.report('r', socket, { rttMs: s.rtt });
            if (rtts.has(socket)) rtts.set(socket, s.rtt);
          } else {
            registry.remove('r', socket);
            rtts.delete(socket);
          }
          expect(registry.slowestRttMs('r')).toBe(Math.max(0, ...rtts.values()));
        }
      }),
    );
  });

  it('a person with two tabs is one entry, and the old tab is superseded by the new one', () => {
    const registry = new SyncRegistry();
    registry.add('r', 'a1', 'alice', true);
    registry.add('r', 'b1', 'bob', true);
    registry.report('r', 'a1', { status: 'in_sync', rttMs: 40 });
    registry.add('r', 'a2', 'alice', true);
    // a1 is superseded: a start no longer waits for it, only for bob and the new tab.
    registry.report('r', 'b1', { readyEpoch: 3 });
    registry.report('r', 'a2', { readyEpoch: 3 });
    expect(registry.allReady('r', START)).toBe(true);
    expect(registry.report('r', 'a2', { status: 'buffering' }).membersChanged).toBe(true);
    expect(registry.members('r')).toEqual([{ id: 'alice', status: 'buffering', rttMs: 40 }]);
    registry.remove('r', 'a2');
    expect(registry.members('r')).toEqual([{ id: 'alice', status: 'in_sync', rttMs: 40 }]);
  });
});
