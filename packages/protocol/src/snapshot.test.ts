import { describe, expect, it } from 'vitest';
import type { VideoItem } from './models.js';
import { earlyMediaSrc } from './snapshot.js';

const item = (extra: Partial<VideoItem>): VideoItem => ({
  id: 1,
  url: 'https://www.tiktok.com/@a/video/7400000000000000001',
  addedBy: 'Ana',
  addedAt: '2026-01-01T00:00:00.000Z',
  embedUrl: 'https://www.tiktok.com/player/v1/7400000000000000001',
  ...extra,
});

const room = (queue: VideoItem[], currentVideoIndex = 0) => ({ queue, currentVideoIndex });

describe('earlyMediaSrc', () => {
  it('is the current clip’s own MP4 path, exactly as the player sets it', () => {
    const queue = [item({ mp4Url: '/media/1.mp4' }), item({ id: 2, mp4Url: '/media/2.mp4' })];
    expect(earlyMediaSrc(room(queue, 1))).toBe('/media/2.mp4');
  });

  it.each<[string, VideoItem[], number]>([
    ['an empty room', [], 0],
    ['an index past the queue', [item({ mp4Url: '/media/1.mp4' })], 1],
    ['a clip still resolving', [item({ isProcessing: true })], 0],
    ['a clip only the embed plays', [item({ isProcessing: false })], 0],
    ['a failed clip', [item({ error: { code: 'VIDEO_PRIVATE', message: 'x' } })], 0],
    ['a media path elsewhere', [item({ mp4Url: 'https://cdn.example/1.mp4' })], 0],
    ['a path with odd characters', [item({ mp4Url: '/media/1.mp4"><script>' })], 0],
  ])('is undefined for %s', (_label, queue, index) => {
    expect(earlyMediaSrc(room(queue, index))).toBeUndefined();
  });
});
