import { describe, expect, it } from 'vitest';
import { mergeSyncLists } from '../../src/sync/sync-lists.js';

describe('mergeSyncLists', () => {
  it('lists each person once, worst status and slowest round trip over every list', () => {
    const merged = mergeSyncLists([
      [
        { id: 'ana', status: 'in_sync', rttMs: 40 },
        { id: 'bo', status: 'catching_up' },
      ],
      [
        { id: 'cy', status: 'needs_tap', rttMs: 90 },
        { id: 'ana', status: 'buffering', rttMs: 20 },
      ],
      [{ id: 'bo', status: 'in_sync', rttMs: 300 }],
    ]);
    expect(merged).toEqual([
      { id: 'ana', status: 'buffering', rttMs: 40 },
      { id: 'bo', status: 'catching_up', rttMs: 300 },
      { id: 'cy', status: 'needs_tap', rttMs: 90 },
    ]);
  });

  it('keeps one list as it is', () => {
    const list = [{ id: 'ana', status: 'in_sync' as const }];
    expect(mergeSyncLists([list, []])).toEqual(list);
  });
});
