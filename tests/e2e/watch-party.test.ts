import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';

// Resolved through the fake TikTok origin (packages/server/test/fake-tiktok), the only
// stand-in: the app itself runs exactly as `npm start` runs it.
const VIDEO_URL = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';

describe('two people in one room', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let host: Page;
  let guest: Page;

  beforeAll(async () => {
    fake = await startFakeTikTok();
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    host = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    guest = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('the home page starts a new room in one tap, with a shareable link', async () => {
    await host.goto(app.url);
    await host.getByTestId('start-party').click();
    await host.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => host.getByTestId('people-count').textContent()).toBe('1');
    await host.getByTestId('share-button').click();
    const link = await host.getByTestId('share-link').inputValue();
    expect(link).toBe(host.url());
    await host.getByTestId('close-share').click();
    await expect.poll(() => host.getByTestId('share-modal').count()).toBe(0);
  });

  it('a second person joins through the link and both see two people', async () => {
    await guest.goto(host.url());
    await expect.poll(() => guest.getByTestId('people-count').textContent()).toBe('2');
    await expect.poll(() => host.getByTestId('people-count').textContent()).toBe('2');
    const roomName = await guest.getByTestId('room-name').textContent();
    expect(host.url()).toContain(roomName?.trim() ?? 'missing');
  });

  it('a non-TikTok link gets an inline error and nothing is added', async () => {
    await host.getByTestId('playlist-input').fill('https://example.com/cat.mp4');
    await host.getByTestId('playlist-add').click();
    await expect.poll(() => host.getByTestId('playlist-error').textContent()).toMatch(/TikTok/);
    expect(await host.getByTestId('playlist-item').count()).toBe(0);
    expect(await guest.getByTestId('playlist-item').count()).toBe(0);
  });

  it('a pasted TikTok link appears for both, and a chat message reaches the other', async () => {
    await host.getByTestId('playlist-input').fill(VIDEO_URL);
    await host.getByTestId('playlist-input').press('Enter');
    await expect.poll(() => guest.getByTestId('playlist-item').count()).toBe(1);
    await expect.poll(() => host.getByTestId('playlist-item').count()).toBe(1);

    await host.getByTestId('chat-input').fill('Ready for this one?');
    await host.getByTestId('chat-send').click();
    await expect
      .poll(() =>
        guest.getByTestId('chat-message').filter({ hasText: 'Ready for this one?' }).count(),
      )
      .toBe(1);
    await guest.getByTestId('chat-input').fill('Always!');
    await guest.getByTestId('chat-input').press('Enter');
    await expect
      .poll(() => host.getByTestId('chat-message').filter({ hasText: 'Always!' }).count())
      .toBe(1);
    await expect
      .poll(() => host.locator('[data-testid="chat-message"][data-system="true"]').count())
      .toBeGreaterThanOrEqual(2);
  });

  it('the video resolves and plays from the media path on both screens, in step', async () => {
    for (const page of [host, guest]) {
      await expect
        .poll(() => page.getByTestId('video-element').count(), { timeout: 15_000 })
        .toBe(1);
      await expect
        .poll(() => page.getByTestId('video-element').getAttribute('src'))
        .toBe('/media/7400000000000000001.mp4');
    }
    await host.getByTestId('play-toggle').click();
    for (const page of [host, guest]) {
      await expect.poll(() => page.getByTestId('player-status').textContent()).toMatch(/Playing/);
      await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(0.5);
    }
    const [a, b] = await Promise.all([currentTime(host), currentTime(guest)]);
    expect(Math.abs(a - b)).toBeLessThan(0.5);

    await guest.getByTestId('play-toggle').click();
    for (const page of [host, guest]) {
      await expect.poll(() => page.getByTestId('player-status').textContent()).toMatch(/Paused/);
    }
    const [pausedA, pausedB] = await Promise.all([currentTime(host), currentTime(guest)]);
    expect(Math.abs(pausedA - pausedB)).toBeLessThan(0.35);
    await host.screenshot({ path: shot('playing-host') });
  });

  it('a countdown shows on both screens', async () => {
    await host.getByTestId('countdown-button').click();
    await expect.poll(() => guest.getByTestId('countdown-overlay').count()).toBe(1);
    await expect.poll(() => host.getByTestId('countdown-overlay').count()).toBe(1);
    await guest.screenshot({ path: shot('countdown-guest') });
    await expect
      .poll(() => guest.getByTestId('countdown-overlay').count(), { timeout: 8000 })
      .toBe(0);
  });

  it('removing the video empties the queue for both', async () => {
    await host.screenshot({ path: shot('room-host') });
    await guest.screenshot({ path: shot('room-guest') });
    await guest.getByTestId('remove-video').first().click();
    await expect.poll(() => host.getByTestId('playlist-item').count()).toBe(0);
    await expect.poll(() => host.getByTestId('empty-queue').count()).toBe(1);
  });
});

async function currentTime(page: Page): Promise<number> {
  return page
    .getByTestId('video-element')
    .evaluate((video) => (video instanceof HTMLVideoElement ? video.currentTime : -1));
}
