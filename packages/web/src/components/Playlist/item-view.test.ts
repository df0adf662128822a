import type { VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { reasonOf, thumbnailSrc } from './item-view';

const item = (extra: Partial<VideoItem>): VideoItem => ({
  id: 1,
  url: 'https://www.tiktok.com/@a/video/7400000000000000001',
  addedBy: 'Ana',
  addedAt: '',
  ...extra,
});

describe('thumbnailSrc', () => {
  it('our own path as it is; a TikTok CDN link (an older room) becomes our route', () => {
    expect(thumbnailSrc(item({ thumbnailUrl: '/media/7400000000000000001/thumbnail' }))).toBe(
      '/media/7400000000000000001/thumbnail',
    );
    expect(
      thumbnailSrc(
        item({ videoId: '7400000000000000001', thumbnailUrl: 'https://p16.tiktokcdn.com/x.jpeg' }),
      ),
    ).toBe('/media/7400000000000000001/thumbnail');
    expect(thumbnailSrc(item({}))).toBeUndefined();
  });
});

describe('reasonOf', () => {
  it('a photo post reads as one, whatever the server said', () => {
    expect(
      reasonOf(
        item({
          error: { code: 'NOT_A_VIDEO', message: 'TikTok answered with a different video.' },
        }),
      ),
    ).toBe('This is a photo post, not a video.');
    expect(reasonOf(item({ error: { code: 'UPSTREAM_ERROR', message: 'TikTok is down.' } }))).toBe(
      'TikTok is down.',
    );
    expect(reasonOf(item({}))).toBeUndefined();
  });
});
