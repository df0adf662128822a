import type { VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { choosePlayerSource } from './player-source';

const base: VideoItem = {
  id: 1,
  url: 'https://www.tiktok.com/@a/video/7400000000000000010',
  addedBy: 'Ana',
  addedAt: '',
  videoId: '7400000000000000010',
  embedUrl: 'https://www.tiktok.com/player/v1/7400000000000000010',
  isProcessing: false,
};

describe('choosePlayerSource', () => {
  it.each(['VIDEO_UNAVAILABLE', 'VIDEO_PRIVATE', 'NOT_A_VIDEO'] as const)(
    'a %s item shows our card, not TikTok’s embed',
    (code) => {
      const item = { ...base, error: { code, message: 'No.' } };
      expect(choosePlayerSource(item, new Set()).kind).toBe('unplayable');
    },
  );

  it('an item TikTok only refused to the server still plays in the embed', () => {
    const item = { ...base, error: { code: 'UPSTREAM_ERROR' as const, message: 'Later.' } };
    expect(choosePlayerSource(item, new Set())).toEqual({
      kind: 'embed',
      item,
      src: base.embedUrl,
    });
  });

  it('our MP4 first, the embed when it failed to load here', () => {
    const item = { ...base, mp4Url: '/media/7400000000000000010.mp4' };
    expect(choosePlayerSource(item, new Set()).kind).toBe('mp4');
    expect(choosePlayerSource(item, new Set([item.mp4Url])).kind).toBe('embed');
  });
});
