import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { metricValue, startHarness, type Harness } from './harness.js';

const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;
const CHROMIUM = '/usr/bin/chromium';

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the headless browser fallback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ resolver: { chromiumPath: CHROMIUM, browserTimeoutMs: 15_000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('resolves a page whose data only appears after its scripts run', async () => {
    const res = await h.resolve(page(FAKE_IDS.browserOnly));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: FAKE_IDS.browserOnly,
      source: 'browser',
      title: `Fake video ${FAKE_IDS.browserOnly} #fyp <b>caption</b> / with “quotes”`,
      author: { uniqueId: 'fake.creator', nickname: 'Fake Creator' },
      duration: 4,
      width: 360,
      height: 640,
      mediaUrl: `/media/${FAKE_IDS.browserOnly}.mp4`,
    });
    expect(h.fake.stats.apiHits).toBeGreaterThanOrEqual(1);
    expect(h.resolver.inspect().browserContexts).toBe(0);
  });

  it('caches the browser’s answer like any other', async () => {
    const again = await h.resolve(page(FAKE_IDS.browserOnly));
    expect(again.body).toMatchObject({ source: 'cache' });
    expect(
      await metricValue(h.registry, 'wt_resolver_upstream_fetches_total', { extractor: 'browser' }),
    ).toBe(1);
  });

  it('the media path plays what the browser found, with the browser’s cookies', async () => {
    const res = await h.get(`/media/${FAKE_IDS.browserOnly}.mp4`, {
      headers: { range: 'bytes=0-' },
    });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(h.fake.video)).toBe(true);
  });

  it('falls back to the media request when the page never shows data (not video.src)', async () => {
    const res = await h.resolve(page(FAKE_IDS.browserMediaOnly));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: FAKE_IDS.browserMediaOnly,
      source: 'browser',
      title: 'TikTok video',
    });
    const media = await h.get(`/media/${FAKE_IDS.browserMediaOnly}.mp4`);
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer()).equals(h.fake.video)).toBe(true);
  });

  it('a page that shows no data even in the browser fails clearly, and closes its page', async () => {
    const started = Date.now();
    const res = await h.resolve(page(FAKE_IDS.shell));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: { code: 'UPSTREAM_ERROR' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(h.resolver.inspect().browserContexts).toBe(0);
  });

  it('several browser jobs at once share one browser', async () => {
    const before = h.resolver.inspect().browserLaunches;
    const results = await Promise.all([
      h.resolve(`https://www.tiktok.com/embed/v2/${FAKE_IDS.browserOnly}`),
      h.resolve(page(FAKE_IDS.shell)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 502]);
    expect(h.resolver.inspect().browserLaunches).toBe(before);
  });
});

describe('browser restarts', () => {
  it('relaunches the browser after it is killed, and counts the restart', async () => {
    const h = await startHarness({ resolver: { chromiumPath: CHROMIUM } });
    try {
      expect((await h.resolve(page(FAKE_IDS.browserOnly))).status).toBe(200);
      const pid = h.resolver.inspect().browserPid;
      expect(pid).toBeTypeOf('number');
      process.kill(pid ?? 0, 'SIGKILL');
      await until(() => h.resolver.inspect().browserPid === undefined, 5_000);
      const res = await h.resolve(page(FAKE_IDS.browserMediaOnly));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'browser' });
      const inspection = h.resolver.inspect();
      expect(inspection.browserLaunches).toBe(2);
      expect(inspection.browserPid).not.toBe(pid);
      expect(await metricValue(h.registry, 'wt_browser_restarts_total', { reason: 'crash' })).toBe(
        1,
      );
    } finally {
      await h.close();
    }
  });

  it('a job whose browser dies under it is retried once on a fresh browser', async () => {
    const h = await startHarness({
      resolver: { chromiumPath: CHROMIUM },
      fake: { delayMs: 1_000 },
    });
    try {
      const pending = h.resolve(page(FAKE_IDS.browserOnly));
      await until(() => h.resolver.inspect().browserContexts > 0, 10_000);
      process.kill(h.resolver.inspect().browserPid ?? 0, 'SIGKILL');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'browser' });
      expect(h.resolver.inspect().browserLaunches).toBe(2);
      expect(h.resolver.inspect().browserContexts).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('kills and relaunches a browser that hangs', async () => {
    const h = await startHarness({ resolver: { chromiumPath: CHROMIUM, browserTimeoutMs: 4_000 } });
    try {
      expect((await h.resolve(page(FAKE_IDS.browserOnly))).status).toBe(200);
      const pid = h.resolver.inspect().browserPid ?? 0;
      process.kill(pid, 'SIGSTOP');
      const hung = await h.resolve(page(FAKE_IDS.browserMediaOnly));
      expect(hung.status).toBe(504);
      expect(hung.body).toMatchObject({ error: { code: 'TIMEOUT' } });
      await until(() => h.resolver.inspect().browserPid !== pid, 10_000);
      expect(await metricValue(h.registry, 'wt_browser_restarts_total', { reason: 'hang' })).toBe(
        1,
      );
      const res = await h.resolve(page(FAKE_IDS.browserMediaOnly));
      expect(res.status).toBe(200);
      expect(h.resolver.inspect().browserContexts).toBe(0);
    } finally {
      await h.close();
    }
  }, 40_000);
});
