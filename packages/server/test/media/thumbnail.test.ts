import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThumbnailCache } from '../../src/media/thumbnails.js';
import type { Resolver } from '../../src/resolver/index.js';
import { UpstreamClient } from '../../src/resolver/net/upstream.js';
import { FAKE_IDS, genericId } from '../fake-tiktok/catalog.js';
import { coverImage } from '../fake-tiktok/covers.js';
import { startHarness, type Harness } from '../resolver/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('GET /media/:id/thumbnail', () => {
  it('serves the cover of a resolved video through our origin, fetched from TikTok once', async () => {
    const id = FAKE_IDS.current;
    expect((await h.resolve(`https://www.tiktok.com/@x/video/${id}`)).status).toBe(200);
    const before = h.fake.stats.coverHits;
    const first = await h.get(`/media/${id}/thumbnail`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(Buffer.from(await first.arrayBuffer()).equals(coverImage(id))).toBe(true);
    const again = await h.get(`/media/${id}/thumbnail`);
    expect(Buffer.from(await again.arrayBuffer()).equals(coverImage(id))).toBe(true);
    expect(h.fake.stats.coverHits - before).toBe(1);
  });

  it('a video no cache knows is resolved again from its id', async () => {
    const id = genericId(321);
    const res = await h.get(`/media/${id}/thumbnail`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(coverImage(id))).toBe(true);
    expect(h.fake.stats.pageHits.get(id)).toBe(1);
  });

  it.each([
    ['deleted', FAKE_IDS.deleted],
    ['private', FAKE_IDS.private],
  ])('a %s video gets the placeholder image, not an error page', async (_label, id) => {
    const res = await h.get(`/media/${id}/thumbnail`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('x-thumbnail')).toBe('placeholder');
    expect(await res.text()).toMatch(/^<svg /);
  });

  it('a name that is not a video id: 404 JSON', async () => {
    const res = await h.get('/media/..%2Fetc/thumbnail');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('ThumbnailCache: only TikTok hosts are ever contacted', () => {
  it.each([
    ['a loopback address', (port: number) => `http://127.0.0.1:${port}/obj/cover.jpeg`],
    ['a look-alike host', () => 'https://tiktokcdn.com.evil.example/obj/cover.jpeg'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('a cover URL on %s is refused without a request', async (_label, urlOf) => {
    let hits = 0;
    const target = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(coverImage(FAKE_IDS.current));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const address = target.address();
    const port = typeof address === 'object' && address ? (address satisfies AddressInfo).port : 0;
    const upstream = new UpstreamClient();
    const resolver: Pick<Resolver, 'thumbnailUrl' | 'upstream'> = {
      thumbnailUrl: () => Promise.resolve(urlOf(port)),
      upstream,
    };
    const cache = new ThumbnailCache(
      { ...h.resolver, ...resolver },
      { cacheBytes: 1024 * 1024, userAgent: 'Mozilla/5.0' },
      pino({ level: 'silent' }),
    );
    await expect(cache.get(FAKE_IDS.current)).rejects.toMatchObject({ code: 'NOT_TIKTOK' });
    expect(hits).toBe(0);
    await upstream.close();
    await new Promise<void>((resolve) => {
      target.close(() => {
        resolve();
      });
    });
  });
});
