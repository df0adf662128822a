import { describe, expect, it } from 'vitest';
import { scriptsById } from '../../src/resolver/page/html-tags.js';
import { pageDataFromHtml } from '../../src/resolver/page/page-data.js';
import { chooseMedia, mediaUrlExpiry } from '../../src/resolver/page/renditions.js';
import { isWafChallenge, solveWafChallenge } from '../../src/resolver/page/waf.js';
import { FakeWaf } from '../fake-tiktok/waf.js';

const ID = '7400000000000000001';
const item = {
  id: ID,
  desc: 'hi',
  author: { uniqueId: 'u', nickname: 'N' },
  video: { playAddr: 'https://v16-webapp-prime.tiktok.com/video/tos/x/?expire=1754021600' },
};
const escaped = (value: unknown): string =>
  JSON.stringify(value).replace(/\//g, '\\u002F').replace(/</g, '\\u003C').replace(/>/g, '\\u003E');

describe('finding the data script', () => {
  it('reads attributes in any order and quoting, and skips script bodies', () => {
    const html = [
      '<script>var t = "<script id=\\"SIGI_STATE\\">{}<\\/script>";</script>',
      "<SCRIPT type=application/json id='SIGI_STATE' >real</SCRIPT >",
      '<script id="__NEXT_DATA__"\n type="application/json">next</script>',
    ].join('');
    const found = scriptsById(html, new Set(['SIGI_STATE', '__NEXT_DATA__']));
    expect(found.get('SIGI_STATE')).toBe('real');
    expect(found.get('__NEXT_DATA__')).toBe('next');
  });

  it('parses HTML-escaped JSON with a JSON parser', () => {
    const withMarkup = { ...item, desc: '</script><b>a/b</b>' };
    const html = `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${escaped(
      {
        __DEFAULT_SCOPE__: {
          'webapp.video-detail': { itemInfo: { itemStruct: withMarkup }, statusCode: 0 },
        },
      },
    )}</script>`;
    const data = pageDataFromHtml(html, ID);
    expect(data).toMatchObject({ kind: 'item', item: { id: ID, desc: '</script><b>a/b</b>' } });
  });

  it('reads a status as a number or a numeric string', () => {
    for (const statusCode of [10216, '10216']) {
      const html = `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">${escaped({
        __DEFAULT_SCOPE__: { 'webapp.video-detail': { statusCode, statusMsg: 'author_secret' } },
      })}</script>`;
      expect(pageDataFromHtml(html, ID)).toEqual({
        kind: 'status',
        statusCode: 10216,
        statusMsg: 'author_secret',
      });
    }
  });

  it('a page with other data (home, login) or broken JSON has none', () => {
    expect(
      pageDataFromHtml(
        `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">${escaped({ __DEFAULT_SCOPE__: { 'webapp.app-context': {} } })}</script>`,
        ID,
      ),
    ).toEqual({ kind: 'none' });
    expect(pageDataFromHtml('<script id="SIGI_STATE">{not json</script>', ID)).toEqual({
      kind: 'none',
    });
    expect(pageDataFromHtml('<html><body>nothing</body></html>', ID)).toEqual({ kind: 'none' });
  });

  it('SIGI_STATE: the author is a string, the nickname beside it or in UserModule', () => {
    const html = `<script id="SIGI_STATE">${escaped({
      ItemModule: { [ID]: { ...item, author: 'u' } },
      UserModule: { users: { u: { nickname: 'From users' } } },
    })}</script>`;
    expect(pageDataFromHtml(html, ID)).toMatchObject({
      kind: 'item',
      item: { author: 'u', nickname: 'From users' },
    });
  });
});

describe('choosing the file to play', () => {
  const allowAll = (): boolean => true;
  const rendition = (codec: string, bitrate: number, height: number, url: string): object => ({
    CodecType: codec,
    Bitrate: bitrate,
    PlayAddr: { UrlList: [url], Width: Math.round((height * 9) / 16), Height: height },
  });

  it('prefers the best H.264 rendition up to 1080 lines over HEVC and 4K', () => {
    const choice = chooseMedia(
      {
        playAddr: 'https://a.tiktok.com/play',
        bitrateInfo: [
          rendition('bytevc1', 2_000_000, 1920, 'https://a.tiktok.com/hevc'),
          rendition('h264', 9_000_000, 3840, 'https://a.tiktok.com/4k'),
          rendition('h264', 1_000_000, 1280, 'https://a.tiktok.com/720'),
          rendition('h264', 500_000, 640, 'https://a.tiktok.com/360'),
          { CodecType: 'h264', PlayAddr: 'broken' },
        ],
      },
      allowAll,
    );
    expect(choice?.urls).toEqual(['https://a.tiktok.com/720']);
  });

  it('recognises H.264 by UrlKey, and falls back to playAddr, then downloadAddr', () => {
    const byKey = chooseMedia(
      {
        bitrateInfo: [
          { PlayAddr: { UrlList: ['https://a.tiktok.com/k'], UrlKey: 'v1_h264_540p_1' } },
        ],
      },
      allowAll,
    );
    expect(byKey?.urls).toEqual(['https://a.tiktok.com/k']);
    expect(
      chooseMedia({ playAddr: ['https://a.tiktok.com/l1', 'https://a.tiktok.com/l2'] }, allowAll)
        ?.urls,
    ).toEqual(['https://a.tiktok.com/l1', 'https://a.tiktok.com/l2']);
    expect(chooseMedia({ downloadAddr: 'https://a.tiktok.com/wm' }, allowAll)?.urls).toEqual([
      'https://a.tiktok.com/wm',
    ]);
    expect(chooseMedia({}, allowAll)).toBeUndefined();
  });

  it('drops URLs the server may not fetch', () => {
    const onlyTikTok = (url: URL): boolean => url.hostname.endsWith('.tiktok.com');
    expect(chooseMedia({ playAddr: 'https://evil.example/x.mp4' }, onlyTikTok)).toBeUndefined();
  });

  it('reads expire or x-expires', () => {
    expect(mediaUrlExpiry('https://a.tiktok.com/v?expire=1754021600&x=1')).toBe(1754021600_000);
    expect(mediaUrlExpiry('https://a.tiktok.com/v?x-expires=1754021600')).toBe(1754021600_000);
    expect(mediaUrlExpiry('https://a.tiktok.com/v?expire=soon')).toBeUndefined();
  });
});

describe('the WAF challenge', () => {
  it('solves the proof of work into the cookies the WAF accepts', () => {
    const waf = new FakeWaf();
    const page = waf.challengePage();
    expect(isWafChallenge(page)).toBe(true);
    const cookies = solveWafChallenge(page);
    expect(cookies?.map(([name]) => name)).toEqual(['_wafchallengeid', 'waforiginalreid']);
    expect(waf.verify(cookies?.[0]?.[1])).toBe(true);
    expect(waf.verify('e30=')).toBe(false);
  });

  it('does not take a real page that mentions the WAF for a challenge', () => {
    expect(
      isWafChallenge(
        '<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{"_wafchallengeid":1}</script>',
      ),
    ).toBe(false);
    expect(solveWafChallenge('<p id="cs" class="bm90IGpzb24="></p>')).toBeUndefined();
  });
});
