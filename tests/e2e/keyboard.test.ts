import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP } from './support/devices.js';

/** How long the UI may take to answer on a shared, busy test machine. */
const UI_WAIT = { timeout: 5_000 };

const pageUrl = (id: string) => `https://www.tiktok.com/@fake.creator/video/${id}`;

/** The `data-testid` of the focused element. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Presses Tab until the element with `testId` has the focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

function currentTime(page: Page): Promise<number> {
  return page
    .getByTestId('video-element')
    .evaluate((video) => (video instanceof HTMLVideoElement ? video.currentTime : -1));
}

/**
 * A keyboard-only walk through a room on a desktop (1440x900): add clips, play, use the
 * shortcuts, chat, share, theatre. No mouse anywhere.
 */
describe('the room with the keyboard alone', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let page: Page;
  let ids: string[] = [];

  beforeAll(async () => {
    const clips = await makeClips([30, 31]);
    ids = [...clips.keys()];
    fake = await startFakeTikTok({ clips });
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    page = await (await browser.newContext(DESKTOP)).newPage();
  });

  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('creates a room and adds two clips from the keyboard', async () => {
    // The home page: "Start a party" from the keyboard.
    await page.goto(app.url);
    await tabTo(page, 'start-party');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
    await expect
      .poll(() => page.getByTestId('connection-status').textContent(), UI_WAIT)
      .toBe('Connected');
    // The empty room (empty queue, empty stage) passes axe too.
    await expect.poll(() => page.getByTestId('empty-queue').count(), UI_WAIT).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, 'playlist-input');
    for (const [n, id] of ids.entries()) {
      await page.keyboard.type(pageUrl(id));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('playlist-item').count(), UI_WAIT).toBe(n + 1);
    }
    await expect
      .poll(() => page.getByTestId('video-element').getAttribute('src'), { timeout: 20_000 })
      .toBe(`/media/${ids[0] ?? ''}.mp4`);
  });

  it('plays and pauses with Enter, K and Space; seeks with the arrows; mutes with M', async () => {
    await tabTo(page, 'play-toggle');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('player-status').textContent(), UI_WAIT)
      .toMatch(/Playing/);
    await page.keyboard.press('k');
    await expect
      .poll(() => page.getByTestId('player-status').textContent(), UI_WAIT)
      .toMatch(/Paused/);
    // Space on the focused button presses it, once: it is not also the shortcut.
    await page.keyboard.press(' ');
    await expect
      .poll(() => page.getByTestId('player-status').textContent(), UI_WAIT)
      .toMatch(/Playing/);
    await page.waitForTimeout(600);
    expect(await page.getByTestId('player-status').textContent()).toMatch(/Playing/);

    const before = await currentTime(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => currentTime(page), UI_WAIT).toBeGreaterThan(before + 4);
    const later = await currentTime(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => currentTime(page), UI_WAIT).toBeLessThan(later - 3);

    await page.keyboard.press('m');
    await expect.poll(() => page.getByRole('button', { name: 'Unmute' }).count(), UI_WAIT).toBe(1);
    expect(
      await page
        .getByTestId('video-element')
        .evaluate((v) => v instanceof HTMLVideoElement && v.muted),
    ).toBe(true);
    await page.keyboard.press('m');
    await expect
      .poll(() => page.getByRole('button', { name: 'Mute', exact: true }).count())
      .toBe(1);
  });

  it('? shows the shortcuts in a dialog that keeps the focus, Escape closes it', async () => {
    await expect
      .poll(() => page.getByTestId('player-status').textContent(), UI_WAIT)
      .toMatch(/Playing/);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-dialog').isVisible(), UI_WAIT).toBe(true);
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(
        () => document.activeElement?.closest('[data-testid="shortcuts-dialog"]') !== null,
      );
      expect(inside).toBe(true);
    }
    // The shortcuts sleep while it is open.
    await page.keyboard.press('k');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('player-status').textContent()).toMatch(/Playing/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: shot('desktop-shortcuts') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts-dialog').count(), UI_WAIT).toBe(0);
    expect(await focusedTestId(page)).toBe('play-toggle');
  });

  it('N moves the room to the next clip', async () => {
    await page.keyboard.press('n');
    await expect
      .poll(() => page.getByTestId('now-playing-index').textContent(), UI_WAIT)
      .toBe('2 / 2');
    await expect
      .poll(() => page.getByTestId('video-element').getAttribute('src'), { timeout: 15_000 })
      .toBe(`/media/${ids[1] ?? ''}.mp4`);
  });

  it('chats: keys typed in the message box are text, not shortcuts', async () => {
    await tabTo(page, 'chat-input');
    await page.keyboard.type('k n m f ? hello everyone');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('chat-message').filter({ hasText: 'hello everyone' }).count())
      .toBe(1);
    // Still playing (K did not pause it; under load it may be catching up meanwhile).
    expect(await page.getByTestId('player-status').textContent()).not.toMatch(/Paused/);
    expect(await page.getByTestId('now-playing-index').textContent()).toBe('2 / 2');
    expect(await page.getByTestId('shortcuts-dialog').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Unmute' }).count()).toBe(0);
  });

  it('opens and closes the share dialog', async () => {
    await tabTo(page, 'share-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('share-modal').isVisible(), UI_WAIT).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('share-modal').count(), UI_WAIT).toBe(0);
  });

  it('theatre mode gives the clip the full height; axe finds nothing serious', async () => {
    const normal = await page.getByTestId('player-stage').boundingBox();
    await tabTo(page, 'theatre-toggle');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await page.getByTestId('player-stage').boundingBox())?.height)
      .toBe(900 - 24);
    expect(normal?.height).toBeLessThan(900 - 100);
    await page.screenshot({ path: shot('desktop-theatre') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await page.getByTestId('player-stage').boundingBox())?.height)
      .toBe(normal?.height);
  });

  it('F puts the player in fullscreen and takes it out again', async () => {
    await page.keyboard.press('f');
    await expect
      .poll(
        () => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid')),
        UI_WAIT,
      )
      .toBe('player');
    await expect
      .poll(() => page.getByTestId('fullscreen-toggle').getAttribute('aria-label'), UI_WAIT)
      .toBe('Exit fullscreen');
    // The stage is the whole screen.
    await expect
      .poll(() => page.getByTestId('player-stage').boundingBox(), UI_WAIT)
      .toEqual({ x: 0, y: 0, width: 1440, height: 900 });
    await page.screenshot({ path: shot('desktop-fullscreen') });
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement), UI_WAIT).toBeNull();
  });
});
