import { describe, expect, it } from 'vitest';
import { sharedTikTokLink } from './shared-link';

const VIDEO = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';
const params = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('sharedTikTokLink', () => {
  it('finds the link wherever the sharing app put it, inside a sentence too', () => {
    expect(sharedTikTokLink(params({ url: VIDEO }))).toBe(VIDEO);
    expect(sharedTikTokLink(params({ title: 'TikTok', text: `Look at this ${VIDEO}!` }))).toBe(
      VIDEO,
    );
    expect(sharedTikTokLink(params({ title: `${VIDEO}.` }))).toBe(VIDEO);
    expect(sharedTikTokLink(params({ text: 'short one https://vm.tiktok.com/ZMabc123/ ok' }))).toBe(
      'https://vm.tiktok.com/ZMabc123/',
    );
  });

  it('keeps the query the app added, and skips links that are not TikTok videos', () => {
    expect(sharedTikTokLink(params({ text: `${VIDEO}?is_from_webapp=1&sender=x` }))).toBe(
      `${VIDEO}?is_from_webapp=1&sender=x`,
    );
    expect(sharedTikTokLink(params({ text: `https://example.com/a then ${VIDEO}` }))).toBe(VIDEO);
    expect(sharedTikTokLink(params({ text: 'https://example.com/video/1' }))).toBeUndefined();
    expect(
      sharedTikTokLink(params({ text: 'https://www.tiktok.com/@a/photo/7400000000000000009' })),
    ).toBeUndefined();
    expect(sharedTikTokLink(params({}))).toBeUndefined();
  });
});
