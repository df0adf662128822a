import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHROMIUM_ARGS } from '../../src/resolver/browser/pool.js';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { startHarness, type Harness } from '../resolver/harness.js';

/** A bare player page: resolve the pasted link, play its mediaUrl, report what played. */
const PLAYER_PAGE = `<!doctype html><html><body><video playsinline muted></video><script>
window.playLink = async function (link) {
  const res = await fetch('/api/resolve?url=' + encodeURIComponent(link));
  const info = await res.json();
  const video = document.querySelector('video');
  video.muted = true;
  video.src = info.mediaUrl;
  await video.play();
  await new Promise(function (resolve, reject) {
    const started = Date.now();
    (function check() {
      if (video.error) return reject(new Error('media error ' + video.error.code));
      if (video.currentTime > 1.5) return resolve();
      if (Date.now() - started > 15000) return reject(new Error('did not play'));
      setTimeout(check, 50);
    })();
  });
  return {
    source: info.source,
    mediaUrl: info.mediaUrl,
    currentTime: video.currentTime,
    width: video.videoWidth,
    height: video.videoHeight,
    duration: video.duration,
  };
};
</script></body></html>`;

const played = z.object({
  source: z.string(),
  mediaUrl: z.string(),
  currentTime: z.number(),
  width: z.number(),
  height: z.number(),
  duration: z.number(),
});

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({
    setup(app) {
      app.get('/player', (_req, res) => {
        res.type('html').send(PLAYER_PAGE);
      });
    },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
});
afterAll(async () => {
  await browser.close();
  await h.close();
});

describe('end to end: a pasted link plays in two browsers from the media path', () => {
  it('both pages play the same video, fetched from TikTok once', async () => {
    const link = `https://vm.tiktok.com/ZMok0001/`;
    const pages = await Promise.all([browser.newPage(), browser.newPage()]);
    try {
      await Promise.all(pages.map((page) => page.goto(`${h.base}/player`)));
      const results = await Promise.all(
        pages.map(async (page) =>
          played.parse(await page.evaluate(`playLink(${JSON.stringify(link)})`)),
        ),
      );
      for (const result of results) {
        expect(result.mediaUrl).toBe(`/media/${FAKE_IDS.current}.mp4`);
        expect(result.currentTime).toBeGreaterThan(1.5);
        expect(result.width).toBe(360);
        expect(result.height).toBe(640);
        expect(result.duration).toBeCloseTo(4, 0);
      }
      // Simultaneous pastes share one flight (both 'page'), a later one hits the cache.
      for (const result of results) expect(['page', 'cache']).toContain(result.source);
      expect(h.fake.stats.pageHits.get(FAKE_IDS.current)).toBe(1);
      expect(h.fake.stats.cdnRequests).toBe(1);
    } finally {
      await Promise.all(pages.map((page) => page.close()));
    }
  });
});
