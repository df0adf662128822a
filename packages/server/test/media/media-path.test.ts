import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { metricValue, startHarness, type Harness } from '../resolver/harness.js';

let h: Harness;
let size: number;
const id = FAKE_IDS.current;
beforeAll(async () => {
  h = await startHarness();
  size = h.fake.video.length;
  expect((await h.resolve(`https://www.tiktok.com/@x/video/${id}`)).status).toBe(200);
});
afterAll(async () => {
  await h.close();
});

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('GET /media/:id.mp4 and Range', () => {
  it('serves the whole video: 200, video/mp4, Accept-Ranges, the exact bytes', async () => {
    const res = await h.get(`/media/${id}.mp4`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(size));
    expect((await bytes(res)).equals(h.fake.video)).toBe(true);
  });

  it.each([
    ['a closed range', 'bytes=0-99', 0, 99],
    ['a range in the middle', 'bytes=1000-1999', 1000, 1999],
    ['an open-ended range', 'bytes=5000-', 5000, -1],
    ['a suffix range', 'bytes=-500', -500, -1],
    ['a range past the end (clamped)', 'bytes=100-999999999', 100, -1],
    ['the last byte', 'bytes=-1', -1, -1],
  ])('%s: 206 with Content-Range', async (_name, range, from, to) => {
    const start = from < 0 ? size + from : from;
    const end = to < 0 ? size - 1 : to;
    const res = await h.get(`/media/${id}.mp4`, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect((await bytes(res)).equals(h.fake.video.subarray(start, end + 1))).toBe(true);
  });

  it.each([
    ['starting at the size', () => `bytes=${size}-`],
    ['starting past the size', () => `bytes=${size + 10}-${size + 20}`],
    ['an empty suffix', () => 'bytes=-0'],
  ])('out of range (%s): 416 with bytes */size', async (_name, range) => {
    const res = await h.get(`/media/${id}.mp4`, { headers: { range: range() } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(await res.json()).toMatchObject({ error: { code: 'RANGE_NOT_SATISFIABLE' } });
  });

  it.each([['bytes=abc'], ['bytes=0-1,5-6'], ['items=0-1'], ['bytes=10-5']])(
    'an unusable Range (%s) is answered in full',
    async (range) => {
      const res = await h.get(`/media/${id}.mp4`, { headers: { range } });
      expect(res.status).toBe(200);
      expect((await bytes(res)).length).toBe(size);
    },
  );

  it('HEAD answers the headers only', async () => {
    const res = await h.get(`/media/${id}.mp4`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
    expect((await bytes(res)).length).toBe(0);
  });

  it('bad names are 404 JSON, and TikTok is not asked', async () => {
    h.fake.resetStats();
    for (const path of ['/media/123.mp4', '/media/abc', '/media/..%2Fetc.mp4']) {
      const res = await h.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect(h.fake.stats.log).toEqual([]);
  });

  it('an id TikTok does not know is 404 JSON after one look at its page (remembered)', async () => {
    h.fake.resetStats();
    const unknown = '7411111111111111111';
    for (let i = 0; i < 2; i++) {
      const res = await h.get(`/media/${unknown}.mp4`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: 'VIDEO_UNAVAILABLE' } });
    }
    expect(h.fake.stats.pageHits.get(unknown)).toBe(1);
    expect(h.fake.stats.cdnRequests).toBe(0);
  });

  it('fetched the video from TikTok once for all of the above, with the page cookie', async () => {
    const source = await h.resolver.mediaSource(id);
    expect(source.cookie).toMatch(/tt_chain_token=/);
    expect(source.urls[0]).toMatch(/codec=h264/);
    expect(await metricValue(h.registry, 'wt_media_bytes_upstream_total')).toBe(size);
    expect(await metricValue(h.registry, 'wt_media_bytes_served_total')).toBeGreaterThan(size * 3);
  });
});

describe('the fake CDN is cookie-bound, like the real one', () => {
  it('answers 403 HTML to the media URL without the page cookie, even with the Referer', async () => {
    const source = await h.resolver.mediaSource(id);
    const url = new URL(source.urls[0] ?? '');
    const res = await fetch(`${h.fake.origin}${url.pathname}${url.search}`, {
      headers: { referer: 'https://www.tiktok.com/', 'user-agent': source.userAgent },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const withCookie = await fetch(`${h.fake.origin}${url.pathname}${url.search}`, {
      headers: { cookie: source.cookie, range: 'bytes=0-7' },
    });
    expect(withCookie.status).toBe(206);
  });
});
