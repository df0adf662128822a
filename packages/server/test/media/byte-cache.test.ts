import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_IDS, genericId } from '../fake-tiktok/catalog.js';
import { metricValue, startHarness } from '../resolver/harness.js';

const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;
const HOUR = 60 * 60 * 1000;

async function body(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('one download from TikTok, any number of viewers', () => {
  it('ten simultaneous viewers cost one upstream download', async () => {
    // Throttled so that every viewer arrives while the download is still running.
    const h = await startHarness({ fake: { cdnBytesPerSecond: 400_000 } });
    try {
      const id = FAKE_IDS.current;
      await h.resolve(page(id));
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          h.get(`/media/${id}.mp4`, i % 2 === 0 ? {} : { headers: { range: 'bytes=0-' } }),
        ),
      );
      const bodies = await Promise.all(responses.map(body));
      for (const received of bodies) expect(received.equals(h.fake.video)).toBe(true);
      expect(h.fake.stats.cdnRequests).toBe(1);
      expect(h.fake.stats.cdnBytes).toBe(h.fake.video.length);
      expect(await metricValue(h.registry, 'wt_media_bytes_upstream_total')).toBe(
        h.fake.video.length,
      );
      expect(await metricValue(h.registry, 'wt_media_bytes_served_total')).toBe(
        10 * h.fake.video.length,
      );
    } finally {
      await h.close();
    }
  });

  it('a Range far into the file is answered as soon as the download reaches it', async () => {
    const h = await startHarness({ fake: { cdnBytesPerSecond: 300_000 } });
    try {
      const id = FAKE_IDS.current;
      const size = h.fake.video.length;
      await h.resolve(page(id));
      const [tail, head] = await Promise.all([
        h.get(`/media/${id}.mp4`, { headers: { range: `bytes=${size - 1000}-` } }),
        h.get(`/media/${id}.mp4`, { headers: { range: 'bytes=0-999' } }),
      ]);
      expect(tail.status).toBe(206);
      expect((await body(tail)).equals(h.fake.video.subarray(size - 1000))).toBe(true);
      expect((await body(head)).equals(h.fake.video.subarray(0, 1000))).toBe(true);
      expect(h.fake.stats.cdnRequests).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('evicts the least recently used finished video when over budget', async () => {
    const h = await startHarness({ media: { cacheBytes: 200_000, maxFileBytes: 150_000 } });
    try {
      const [a, b] = [genericId(11), genericId(12)];
      await h.resolve(page(a));
      await h.resolve(page(b));
      await body(await h.get(`/media/${a}.mp4`));
      await body(await h.get(`/media/${b}.mp4`)); // 2 x 112 KB > 200 KB: a goes
      expect(h.media.inspect().files).toBe(1);
      expect(h.media.inspect().cacheBytes).toBe(h.fake.video.length);
      await body(await h.get(`/media/${b}.mp4`));
      expect(h.fake.stats.cdnRequests).toBe(2);
      expect((await body(await h.get(`/media/${a}.mp4`))).equals(h.fake.video)).toBe(true);
      expect(h.fake.stats.cdnRequests).toBe(3);
    } finally {
      await h.close();
    }
  });

  it('keeps the cache on disk when a directory is configured, and cleans it up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wt-media-'));
    const h = await startHarness({ media: { cacheDir: dir } });
    try {
      const id = FAKE_IDS.reflow;
      await h.resolve(page(id));
      expect((await body(await h.get(`/media/${id}.mp4`))).equals(h.fake.video)).toBe(true);
      const res = await h.get(`/media/${id}.mp4`, { headers: { range: 'bytes=10-19' } });
      expect((await body(res)).equals(h.fake.video.subarray(10, 20))).toBe(true);
      expect(await readdir(dir)).toHaveLength(1);
      expect(h.fake.stats.cdnRequests).toBe(1);
      await h.media.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await readdir(dir)).toHaveLength(0);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('streams a file larger than maxFileBytes through, Range passed on to the CDN', async () => {
    const h = await startHarness({ media: { maxFileBytes: 50_000 } });
    try {
      const id = FAKE_IDS.current;
      const size = h.fake.video.length;
      await h.resolve(page(id));
      const res = await h.get(`/media/${id}.mp4`, { headers: { range: 'bytes=100-199' } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
      expect((await body(res)).equals(h.fake.video.subarray(100, 200))).toBe(true);
      const full = await h.get(`/media/${id}.mp4`);
      expect(full.status).toBe(200);
      expect((await body(full)).equals(h.fake.video)).toBe(true);
      const beyond = await h.get(`/media/${id}.mp4`, { headers: { range: `bytes=${size}-` } });
      expect(beyond.status).toBe(416);
      expect(h.media.inspect().cacheBytes).toBe(0);
    } finally {
      await h.close();
    }
  });
});

describe('expired and refused media URLs', () => {
  it('an expired media URL is resolved again before the download', async () => {
    const h = await startHarness();
    try {
      const id = FAKE_IDS.current;
      await h.resolve(page(id));
      h.clock.now += 7 * HOUR;
      const res = await h.get(`/media/${id}.mp4`);
      expect(res.status).toBe(200);
      expect((await body(res)).equals(h.fake.video)).toBe(true);
      expect(h.fake.stats.pageHits.get(id)).toBe(2);
      expect(h.fake.stats.cdnForbidden).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a 403 from the CDN makes the server resolve again, once, and retry', async () => {
    const h = await startHarness();
    try {
      const id = FAKE_IDS.current;
      await h.resolve(page(id));
      // The CDN's clock is past the URL's expire while ours is not: it answers 403.
      h.fake.options.now = () => h.clock.now + 7 * HOUR;
      const res = await h.get(`/media/${id}.mp4`);
      expect(res.status).toBe(200);
      expect((await body(res)).equals(h.fake.video)).toBe(true);
      expect(h.fake.stats.cdnForbidden).toBeGreaterThanOrEqual(1);
      expect(h.fake.stats.pageHits.get(id)).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('a CDN that keeps refusing ends in 502 JSON after exactly one new resolve', async () => {
    const h = await startHarness({ fake: { cdnForbidAll: true } });
    try {
      const id = FAKE_IDS.current;
      await h.resolve(page(id));
      const res = await h.get(`/media/${id}.mp4`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: 'UPSTREAM_ERROR' } });
      expect(h.fake.stats.pageHits.get(id)).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('an HTML body labelled video/mp4 is never passed on', async () => {
    const h = await startHarness();
    try {
      const id = FAKE_IDS.badCdn;
      await h.resolve(page(id));
      const res = await h.get(`/media/${id}.mp4`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).not.toMatch(/video\/mp4/);
      expect(await res.json()).toMatchObject({ error: { code: 'UPSTREAM_ERROR' } });
    } finally {
      await h.close();
    }
  });
});
