import { describe, expect, it } from 'vitest';
import { checkTikTokLink } from './validate-link';

describe('checkTikTokLink', () => {
  it('accepts TikTok video and short links, trimmed', () => {
    expect(checkTikTokLink('  https://www.tiktok.com/@ana/video/7400000000000000001 ')).toEqual({
      ok: true,
      url: 'https://www.tiktok.com/@ana/video/7400000000000000001',
    });
    expect(checkTikTokLink('https://vm.tiktok.com/ZMabc123/').ok).toBe(true);
  });

  it('explains what is wrong with anything else', () => {
    expect(checkTikTokLink('')).toEqual({ ok: false, message: 'Paste a TikTok link first.' });
    expect(checkTikTokLink('https://youtube.com/watch?v=1')).toEqual({
      ok: false,
      message: 'Only TikTok links can be added.',
    });
    expect(checkTikTokLink('https://www.tiktok.com/@ana/photo/7400000000000000001')).toEqual({
      ok: false,
      message: 'That is a photo post, not a video.',
    });
  });
});
