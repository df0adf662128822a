import { describe, expect, it } from 'vitest';
import { syncStatusOf, type StatusInput } from './status';
import { VIDEO_TUNING } from './tuning';

const input = (extra: Partial<StatusInput> = {}): StatusInput => ({
  blocked: false,
  waitingForMedia: false,
  restarting: false,
  error: 0.001,
  ...extra,
});

describe('syncStatusOf', () => {
  it('is in sync within tolerance, catching up beyond it or while restarting', () => {
    expect(syncStatusOf(input(), VIDEO_TUNING)).toBe('in_sync');
    expect(syncStatusOf(input({ error: -0.2 }), VIDEO_TUNING)).toBe('catching_up');
    expect(syncStatusOf(input({ restarting: true }), VIDEO_TUNING)).toBe('catching_up');
  });

  it('puts needing a tap first, then buffering', () => {
    expect(syncStatusOf(input({ blocked: true, waitingForMedia: true }), VIDEO_TUNING)).toBe(
      'needs_tap',
    );
    expect(syncStatusOf(input({ waitingForMedia: true, error: 3 }), VIDEO_TUNING)).toBe(
      'buffering',
    );
  });
});
