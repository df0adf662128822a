import { describe, expect, it } from 'vitest';
import { embedPlayerUrl, isTikTokHost, parseTikTokUrl } from './tiktok-url.js';

const ID = '7400000000000000001';

function linkOf(input: string): unknown {
  const result = parseTikTokUrl(input);
  return result.ok ? result.link : result.error.code;
}

describe('parseTikTokUrl: the forms of tiktok-reference.md section 1', () => {
  it.each([
    [`https://www.tiktok.com/@user.name/video/${ID}`, 'user.name'],
    [`https://www.tiktok.com/@/video/${ID}`, '_'],
    [`https://www.tiktok.com/@user/video/${ID}?is_from_webapp=1&sender_device=pc`, 'user'],
    [`https://www.tiktok.com/@user/video/${ID}/?_r=1&_t=8abc#comments`, 'user'],
    [`http://tiktok.com/@user/video/${ID}`, 'user'],
    [`www.tiktok.com/@user/video/${ID}`, 'user'],
    [`  https://www.tiktok.com/@user/video/${ID}  `, 'user'],
    [`https://WWW.TIKTOK.COM/@user/video/${ID}`, 'user'],
  ])('canonical %s', (input, handle) => {
    expect(linkOf(input)).toEqual({
      kind: 'video',
      id: ID,
      canonicalUrl: `https://www.tiktok.com/@${handle}/video/${ID}`,
    });
  });

  it.each([
    `https://www.tiktok.com/share/video/${ID}`,
    `https://www.tiktokv.com/share/video/${ID}/`,
    `https://m.tiktok.com/v/${ID}.html`,
    `https://m.tiktok.com/v/${ID}`,
    `https://www.tiktok.com/embed/${ID}`,
    `https://www.tiktok.com/embed/v2/${ID}`,
    `https://www.tiktok.com/player/v1/${ID}?autoplay=0&controls=1`,
  ])('share, mobile and embed: %s', (input) => {
    expect(linkOf(input)).toEqual({
      kind: 'video',
      id: ID,
      canonicalUrl: `https://www.tiktok.com/@_/video/${ID}`,
    });
  });

  it('ids of 17 to 21 digits, nothing else', () => {
    for (const id of ['1'.repeat(17), '1'.repeat(21)]) {
      expect(linkOf(`https://www.tiktok.com/@u/video/${id}`)).toMatchObject({ id });
    }
    for (const id of ['1'.repeat(16), '1'.repeat(22), '74000000000000000x1']) {
      expect(linkOf(`https://www.tiktok.com/@u/video/${id}`)).toBe('INVALID_URL');
    }
  });

  it('photo posts', () => {
    expect(linkOf(`https://www.tiktok.com/@user/photo/${ID}`)).toEqual({
      kind: 'photo',
      id: ID,
      canonicalUrl: `https://www.tiktok.com/@user/photo/${ID}`,
    });
  });

  it.each([
    ['https://vm.tiktok.com/ZMabc123/', 'https://vm.tiktok.com/ZMabc123/'],
    ['https://vt.tiktok.com/ZSabc/', 'https://vt.tiktok.com/ZSabc/'],
    ['https://www.tiktok.com/t/ZTabc/?_r=1', 'https://www.tiktok.com/t/ZTabc/'],
    ['vm.tiktok.com/ZMabc123', 'https://vm.tiktok.com/ZMabc123'],
  ])('short link %s', (input, url) => {
    expect(linkOf(input)).toEqual({ kind: 'short', url });
  });

  it.each([
    ['https://tiktok.com.evil.example/@u/video/' + ID, 'NOT_TIKTOK'],
    ['https://eviltiktok.com/@u/video/' + ID, 'NOT_TIKTOK'],
    ['https://www.tiktok.com@evil.example/@u/video/' + ID, 'NOT_TIKTOK'],
    ['https://user:pass@www.tiktok.com/@u/video/' + ID, 'NOT_TIKTOK'],
    ['https://www.tiktok.com:8443/@u/video/' + ID, 'NOT_TIKTOK'],
    ['http://127.0.0.1/@u/video/' + ID, 'NOT_TIKTOK'],
    ['http://169.254.169.254/latest/meta-data/', 'NOT_TIKTOK'],
    ['https://www.youtube.com/watch?v=x', 'NOT_TIKTOK'],
    ['file:///etc/passwd', 'INVALID_URL'],
    ['javascript:alert(1)', 'INVALID_URL'],
    ['', 'INVALID_URL'],
    ['https://www.tiktok.com/@user', 'INVALID_URL'],
    ['https://www.tiktok.com/', 'INVALID_URL'],
    ['https://vm.tiktok.com/', 'INVALID_URL'],
    ['https://www.tiktok.com/' + 'a'.repeat(3000), 'INVALID_URL'],
  ])('refuses %s', (input, code) => {
    expect(linkOf(input)).toBe(code);
  });
});

describe('isTikTokHost and embedPlayerUrl', () => {
  it('accepts TikTok domains and their subdomains only', () => {
    for (const host of [
      'tiktok.com',
      'www.tiktok.com',
      'vm.tiktok.com',
      'www.tiktokv.com',
      'TIKTOK.COM.',
    ]) {
      expect(isTikTokHost(host), host).toBe(true);
    }
    for (const host of [
      'tiktok.com.evil.example',
      'eviltiktok.com',
      'tiktok.co',
      'localhost',
      '',
    ]) {
      expect(isTikTokHost(host), host).toBe(false);
    }
  });

  it('builds the Embed Player URL', () => {
    expect(embedPlayerUrl(ID)).toBe(`https://www.tiktok.com/player/v1/${ID}`);
  });
});
