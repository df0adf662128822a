import { describe, expect, it } from 'vitest';
import { playabilityOf } from './playability.js';
import type { VideoItem } from './models.js';

const base: VideoItem = {
  id: 1,
  url: 'https://www.tiktok.com/@a/video/7400000000000000001',
  addedBy: 'Ana',
  addedAt: '2026-01-01T00:00:00.000Z',
  embedUrl: 'https://www.tiktok.com/player/v1/7400000000000000001',
};

describe('playabilityOf', () => {
  it.each<[string, VideoItem, string]>([
    ['still resolving', { ...base, isProcessing: true }, 'resolving'],
    ['our MP4', { ...base, isProcessing: false, mp4Url: '/media/1.mp4' }, 'ready'],
    ['resolved without an MP4', { ...base, isProcessing: false }, 'embed-only'],
    [
      'TikTok refused the server (the embed may play)',
      { ...base, error: { code: 'UPSTREAM_ERROR', message: 'x' } },
      'embed-only',
    ],
    ['deleted', { ...base, error: { code: 'VIDEO_UNAVAILABLE', message: 'x' } }, 'failed'],
    ['private', { ...base, error: { code: 'VIDEO_PRIVATE', message: 'x' } }, 'failed'],
    ['a photo post', { ...base, error: { code: 'NOT_A_VIDEO', message: 'x' } }, 'failed'],
    [
      'a failure without an embed',
      {
        id: 2,
        url: 'https://vm.tiktok.com/ZM1/',
        addedBy: 'A',
        addedAt: '',
        error: { code: 'TIMEOUT', message: 'x' },
      },
      'failed',
    ],
  ])('%s', (_label, item, expected) => {
    expect(playabilityOf(item)).toBe(expected);
  });
});
