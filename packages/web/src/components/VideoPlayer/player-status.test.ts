import type { PlayerStatePayload, VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { effectivePlayback } from '../../lib/playback-sync';
import { playerState } from '../../lib/testing/room-fixtures';
import { playerStatus } from './player-status';

const item: VideoItem = { id: 1, url: 'u', addedBy: 'Ana', addedAt: 'x', mp4Url: '/media/1.mp4' };
const mp4 = { kind: 'mp4', item, src: '/media/1.mp4' } as const;
const state = (extra: Partial<PlayerStatePayload>): PlayerStatePayload =>
  playerState(1_000, { playing: true, ...extra });

describe('playerStatus', () => {
  it('says what the room does, and how our player keeps up', () => {
    expect(playerStatus(mp4, effectivePlayback(state({}), 2_000), 'in_sync').text).toBe('Playing');
    expect(playerStatus(mp4, effectivePlayback(state({}), 2_000), 'catching_up')).toEqual({
      text: 'Playing',
      busy: true,
    });
    expect(
      playerStatus(mp4, effectivePlayback(state({ playing: false }), 2_000), 'in_sync').text,
    ).toBe('Paused');
  });

  it('tells a start that waits for people from one about to happen', () => {
    expect(
      playerStatus(mp4, effectivePlayback(state({ updatedAt: 3_000 }), 2_000), undefined).text,
    ).toBe('Starting…');
    const held = effectivePlayback(state({ updatedAt: 3_000, gate: 'held' }), 2_000);
    expect(playerStatus(mp4, held, undefined).text).toBe('Waiting…');
  });
});
