import { describe, expect, it } from 'vitest';
import type { RoomDelta } from './delta.js';
import { relayedDeltaSchema, roomDeltaSchema } from './delta-schemas.js';

/** One change of every kind, as the server's core produces them. */
const everyKind: RoomDelta = {
  rev: 12,
  changes: [
    { kind: 'member_joined', user: { id: 'u1', name: 'Ana' } },
    { kind: 'member_left', userId: 'u2' },
    { kind: 'member_renamed', user: { id: 'u1', name: 'Ana B' } },
    {
      kind: 'item_added',
      item: {
        id: 3,
        url: 'https://www.tiktok.com/@a/video/1',
        addedBy: 'Ana',
        addedAt: '2026-12-02T10:00:00.000Z',
        isProcessing: true,
      },
    },
    {
      kind: 'item_updated',
      item: {
        id: 3,
        url: 'https://www.tiktok.com/@a/video/1',
        addedBy: 'Ana',
        addedAt: '2026-12-02T10:00:00.000Z',
        duration: 12,
      },
    },
    { kind: 'item_removed', itemId: 2 },
    { kind: 'queue_order', itemIds: [3, 1] },
    { kind: 'index', index: 1 },
    {
      kind: 'message',
      message: {
        id: 5,
        user: 'Ana',
        userId: 'u1',
        text: 'hi',
        timestamp: '2026-12-02T10:00:01.000Z',
      },
    },
    {
      kind: 'system_message',
      message: {
        id: 6,
        text: 'Ana played',
        timestamp: '2026-12-02T10:00:02.000Z',
        activity: { kind: 'play', userId: 'u1' },
      },
    },
    {
      kind: 'player_state',
      state: {
        playing: true,
        time: 1.5,
        updatedAt: 1_796_000_000_000,
        rate: 1,
        serverTime: 1_796_000_000_010,
        currentVideoIndex: 1,
        itemId: 3,
        epoch: 4,
        gate: 'released',
        endsAt: 1_796_000_010_500,
        next: { index: 0, itemId: 1, startsAt: 1_796_000_010_500 },
        loop: 'off',
        autoplay: true,
      },
    },
    { kind: 'countdown', seconds: 3 },
    {
      kind: 'roles',
      roles: { hostId: 'u1', coHostIds: [], locked: false, hasPassword: false, skipVotes: [] },
    },
  ],
};

describe('roomDeltaSchema: another process’s changes, checked before anyone sees them', () => {
  it('reads every kind of change as it was written', () => {
    expect(roomDeltaSchema.parse(everyKind)).toEqual(everyKind);
    expect(relayedDeltaSchema.parse({ roomId: 'party-1', members: 60, delta: everyKind })).toEqual({
      roomId: 'party-1',
      members: 60,
      delta: everyKind,
    });
  });

  it('refuses what no server writes', () => {
    expect(roomDeltaSchema.safeParse({ rev: 1, changes: [{ kind: 'teleport' }] }).success).toBe(
      false,
    );
    expect(roomDeltaSchema.safeParse({ rev: -1, changes: [] }).success).toBe(false);
    expect(
      roomDeltaSchema.safeParse({ rev: 1, changes: [{ kind: 'message', message: { id: 1 } }] })
        .success,
    ).toBe(false);
    expect(
      relayedDeltaSchema.safeParse({ roomId: '../x', members: 1, delta: { rev: 1, changes: [] } })
        .success,
    ).toBe(false);
  });
});
