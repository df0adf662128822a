import { describe, expect, it } from 'vitest';
import { FAKE_IDS, genericId } from '../fake-tiktok/catalog.js';
import { metricValue, startHarness } from './harness.js';

const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;
const HOUR = 60 * 60 * 1000;

describe('the resolve cache', () => {
  it('answers a second resolve from the cache, by video id whatever the URL form', async () => {
    const h = await startHarness();
    try {
      const first = await h.resolve(page(FAKE_IDS.current));
      expect(first.body).toMatchObject({ source: 'page' });
      for (const url of [
        page(FAKE_IDS.current),
        `https://m.tiktok.com/v/${FAKE_IDS.current}.html`,
        `https://www.tiktok.com/embed/v2/${FAKE_IDS.current}?x=1`,
      ]) {
        const again = await h.resolve(url);
        expect(again.body).toEqual({ ...first.body, source: 'cache' });
      }
      expect(h.fake.stats.pageHits.get(FAKE_IDS.current)).toBe(1);
      expect(await metricValue(h.registry, 'wt_resolver_cache_hits_total')).toBe(3);
      expect(await metricValue(h.registry, 'wt_resolver_cache_misses_total')).toBe(1);
      const metrics = await (await h.get('/metrics')).text();
      expect(metrics).toMatch(/wt_resolve_duration_seconds_count\{source="cache"\} 3/);
      expect(metrics).toMatch(/wt_resolve_duration_seconds_count\{source="page"\} 1/);
      expect(metrics).toMatch(/wt_resolver_queue_length 0/);
    } finally {
      await h.close();
    }
  });

  it('never serves a media URL past its expire (six hours, less a safety margin)', async () => {
    const h = await startHarness();
    try {
      await h.resolve(page(FAKE_IDS.current));
      h.clock.now += 1 * HOUR;
      expect((await h.resolve(page(FAKE_IDS.current))).body).toMatchObject({ source: 'cache' });
      h.clock.now += 5 * HOUR - 4 * 60_000; // 4 minutes before the URL expires
      expect((await h.resolve(page(FAKE_IDS.current))).body).toMatchObject({ source: 'page' });
      expect(h.fake.stats.pageHits.get(FAKE_IDS.current)).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('a short-lived media URL is cached only for its short life', async () => {
    const h = await startHarness({ fake: { mediaTtlSeconds: 60 } });
    try {
      await h.resolve(page(FAKE_IDS.current));
      h.clock.now += 50_000;
      expect((await h.resolve(page(FAKE_IDS.current))).body).toMatchObject({ source: 'cache' });
      h.clock.now += 5_000; // 55 s: inside the last tenth of its life
      expect((await h.resolve(page(FAKE_IDS.current))).body).toMatchObject({ source: 'page' });
    } finally {
      await h.close();
    }
  });

  it('keeps no more than cacheSize videos, least recently used out first', async () => {
    const h = await startHarness({ resolver: { cacheSize: 2 } });
    try {
      const [a, b, c] = [genericId(1), genericId(2), genericId(3)];
      await h.resolve(page(a));
      await h.resolve(page(b));
      await h.resolve(page(a)); // a is now the most recent
      await h.resolve(page(c)); // evicts b
      expect((await h.resolve(page(a))).body).toMatchObject({ source: 'cache' });
      expect((await h.resolve(page(b))).body).toMatchObject({ source: 'page' });
      expect(h.fake.stats.pageHits.get(b)).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('remembers a definite failure for errorCacheMs, and only that long', async () => {
    const h = await startHarness({ resolver: { errorCacheMs: 30_000 } });
    try {
      expect((await h.resolve(page(FAKE_IDS.private))).status).toBe(403);
      expect((await h.resolve(page(FAKE_IDS.private))).status).toBe(403);
      expect(h.fake.stats.pageHits.get(FAKE_IDS.private)).toBe(1);
      h.clock.now += 31_000;
      expect((await h.resolve(page(FAKE_IDS.private))).status).toBe(403);
      expect(h.fake.stats.pageHits.get(FAKE_IDS.private)).toBe(2);
      // A transient failure is not remembered.
      expect((await h.resolve(page(FAKE_IDS.serverError))).status).toBe(502);
      expect((await h.resolve(page(FAKE_IDS.serverError))).status).toBe(502);
      expect(h.fake.stats.pageHits.get(FAKE_IDS.serverError)).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('follows a short link once, then knows where it goes', async () => {
    const h = await startHarness();
    try {
      await h.resolve('https://vm.tiktok.com/ZMok0001/');
      const again = await h.resolve('https://vm.tiktok.com/ZMok0001/');
      expect(again.body).toMatchObject({ id: FAKE_IDS.current, source: 'cache' });
      expect(h.fake.stats.shortLinkHits).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('single flight and the work queue', () => {
  it('100 simultaneous requests for one id cost one upstream fetch', async () => {
    const h = await startHarness({ fake: { delayMs: 100 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => h.resolve(page(FAKE_IDS.sigi))),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(new Set(results.map((r) => r.body.id))).toEqual(new Set([FAKE_IDS.sigi]));
      expect(h.fake.stats.pageHits.get(FAKE_IDS.sigi)).toBe(1);
      expect(
        await metricValue(h.registry, 'wt_resolver_upstream_fetches_total', { extractor: 'page' }),
      ).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('simultaneous requests for one short link follow it once', async () => {
    const h = await startHarness({ fake: { delayMs: 50 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => h.resolve('https://www.tiktok.com/t/ZTok0003/')),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(h.fake.stats.shortLinkHits).toBe(1);
      expect(h.fake.stats.pageHits.get(FAKE_IDS.sigi)).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('runs distinct videos in parallel, never more than `concurrency` at once', async () => {
    const h = await startHarness({ resolver: { concurrency: 3 }, fake: { delayMs: 100 } });
    try {
      const started = Date.now();
      const ids = Array.from({ length: 9 }, (_, i) => genericId(100 + i));
      const results = await Promise.all(ids.map((id) => h.resolve(page(id))));
      const elapsed = Date.now() - started;
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(h.fake.stats.maxConcurrentPages).toBe(3);
      expect(elapsed).toBeGreaterThanOrEqual(300); // three rounds of 100 ms
      expect(elapsed).toBeLessThan(900); // not nine
    } finally {
      await h.close();
    }
  });

  it('refuses work beyond maxQueueLength instead of queueing without bound', async () => {
    const h = await startHarness({
      resolver: { concurrency: 1, maxQueueLength: 2 },
      fake: { delayMs: 200 },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => h.resolve(page(genericId(200 + i)))),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await h.close();
    }
  });
});
