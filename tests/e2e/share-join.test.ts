import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';

// A link the fake TikTok origin resolves (the app maps tiktok.com to it: TIKTOK_ORIGIN).
const VIDEO_URL = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';
const ROOM_URL = /\/room\/[A-Za-z0-9_-]+$/;

const DEVICES = { phone: PHONE, desktop: DESKTOP } as const;

/** The test id of the element that has focus, or what it is when it has none. */
const focusedInside = (page: Page, testId: string): Promise<boolean> =>
  page.evaluate(
    (id) =>
      document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement) ?? false,
    testId,
  );

describe.each(Object.entries(DEVICES))('share and join on a %s', (device, options) => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let roomUrl = '';

  beforeAll(async () => {
    fake = await startFakeTikTok();
    // A closed page's person stays listed for the reconnect grace (15 s by default): one
    // second here, so the guests of one test are gone by the next one's count.
    app = await startApp({
      TIKTOK_ORIGIN: fake.origin,
      CHROMIUM_PATH: 'none',
      RECONNECT_GRACE_SECONDS: '1',
    });
    browser = await launchBrowser();
    context = await browser.newContext(options);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('the home page starts a room in one tap', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('start-party').isVisible()).toBe(true);
    // Nothing visited yet: no list of recent rooms.
    expect(await page.getByTestId('recent-rooms').count()).toBe(0);
    await page.screenshot({ path: shot(`share-${device}-home-first-visit`) });
    await page.getByTestId('start-party').click();
    await page.waitForURL(ROOM_URL);
    roomUrl = page.url();
    await expect.poll(() => page.getByTestId('people-count').textContent()).toBe('1');
  });

  it('the home page lists the rooms visited, and one tap goes back in', async () => {
    await page.goto(app.url);
    const roomId = roomUrl.split('/').at(-1) ?? 'missing';
    const recent = page.getByTestId('recent-rooms');
    await expect.poll(() => recent.textContent()).toContain(roomId);
    await page.screenshot({ path: shot(`share-${device}-home-recent`) });
    await recent.getByRole('link', { name: new RegExp(roomId) }).click();
    await page.waitForURL(roomUrl);
    await expect.poll(() => page.getByTestId('room-name').textContent()).toContain(roomId);
  });

  it('the share dialog shows the whole link and its QR code, copies it, and keeps focus', async () => {
    const opener = page.getByTestId('share-button');
    await opener.click();
    const dialog = page.getByTestId('share-modal');
    await expect.poll(() => page.getByTestId('share-qr').isVisible()).toBe(true);
    expect(await page.getByTestId('share-link').inputValue()).toBe(roomUrl);
    // The whole link is on screen: the field is as wide as the dialog and nothing scrolls.
    const link = await page.getByTestId('share-link').evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      scrollHeight: element.scrollHeight,
      clientHeight: element.clientHeight,
    }));
    expect(link.scrollWidth).toBeLessThanOrEqual(link.clientWidth);
    expect(link.scrollHeight).toBeLessThanOrEqual(link.clientHeight + 1);
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.width ?? 0) <= options.viewport.width).toBe(true);
    // A real QR code: a square of dark modules on white (version 3 or more for this link).
    const modules = await page.getByTestId('share-qr').evaluate((svg) => ({
      viewBox: svg.getAttribute('viewBox'),
      runs: (svg.querySelector('path')?.getAttribute('d') ?? '').split('M').length - 1,
    }));
    expect(modules.viewBox).toMatch(/^0 0 (3[7-9]|4\d|5\d) \1$/);
    expect(modules.runs).toBeGreaterThan(100);
    await page.screenshot({ path: shot(`share-${device}-share-dialog`) });

    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toBe('Copied!');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(roomUrl);

    // Focus stays in the dialog however far one tabs, both ways.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusedInside(page, 'share-modal')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('where the browser has a share sheet, "Share via…" hands it the room link', async () => {
    // This Chromium has no system share sheet: no button that would do nothing.
    await page.getByTestId('share-button').click();
    await expect.poll(() => page.getByTestId('share-modal').count()).toBe(1);
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    expect(await page.getByTestId('native-share').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('share-modal').count()).toBe(0);

    // The operating system's sheet cannot run here: a stand-in records what it is handed
    // and answers as the test tells it (shared, closed without choosing, or refused).
    const sharer = await browser.newContext(options);
    await sharer.addInitScript(() => {
      const calls: ShareData[] = [];
      let answer = 'shared';
      Object.assign(window, {
        shareCalls: calls,
        answerShare: (next: string) => {
          answer = next;
        },
      });
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: (data: ShareData) => {
          calls.push(data);
          return answer === 'shared'
            ? Promise.resolve()
            : Promise.reject(new DOMException('', answer));
        },
      });
    });
    const guest = await sharer.newPage();
    const calls = (): Promise<unknown> => guest.evaluate('window.shareCalls');
    const answer = (next: string): Promise<unknown> =>
      guest.evaluate(`window.answerShare(${JSON.stringify(next)})`);
    await guest.goto(roomUrl);
    await guest.getByTestId('share-button').click();
    const status = guest.locator('.share-status');
    await guest.getByTestId('native-share').click();
    await expect.poll(calls).toEqual([{ title: 'Join my TikTok watch party', url: roomUrl }]);
    expect(await status.textContent()).toBe('');
    // Closing the sheet without choosing is no failure.
    await answer('AbortError');
    await guest.getByTestId('native-share').click();
    await expect.poll(async () => JSON.stringify(await calls()).split('"url"').length - 1).toBe(2);
    expect(await status.textContent()).toBe('');
    // A sheet that refuses says so, and points to the link that is right there.
    await answer('NotAllowedError');
    await guest.getByTestId('native-share').click();
    await expect
      .poll(() => status.textContent())
      .toBe('Sharing did not work here: copy the link instead.');
    await sharer.close();
  });

  it('a clip shared from another app (the share target) lands in the queue of the last room', async () => {
    const manifestResponse = await page.request.get(`${app.url}/manifest.webmanifest`);
    expect(manifestResponse.headers()['content-type']).toContain('application/manifest+json');
    const manifest: unknown = await manifestResponse.json();
    expect(manifest).toMatchObject({
      display: 'standalone',
      start_url: '/',
      share_target: { action: '/share', method: 'GET', params: { text: 'text', url: 'url' } },
    });
    // The page names it, as a browser looks for it, and Chromium finds the app installable.
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe(
      '/manifest.webmanifest',
    );
    const cdp = await context.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    expect(parsed.errors).toEqual([]);
    const installable = await cdp.send('Page.getInstallabilityErrors');
    // Test browsers are incognito-like; that is the only reason Chromium may give.
    const reasons = installable.installabilityErrors.map((error) => error.errorId);
    expect(reasons.filter((reason) => reason !== 'in-incognito')).toEqual([]);
    await cdp.detach();

    // What Android's share sheet sends from the TikTok app: the link inside a sentence.
    const text = `Look at this one ${VIDEO_URL}?is_from_webapp=1 !`;
    const guest = await (await browser.newContext(DEVICES.desktop)).newPage();
    await guest.goto(roomUrl);
    // Two: the page and this guest (the last test's guest leaves when its grace ends).
    await expect
      .poll(() => guest.getByTestId('people-count').textContent(), { timeout: 10_000 })
      .toBe('2');

    await page.goto(`${app.url}/share?title=TikTok&text=${encodeURIComponent(text)}`);
    await page.waitForURL(roomUrl);
    const notice = page.getByTestId('shared-link-notice');
    await expect.poll(() => notice.getAttribute('data-status'), { timeout: 15_000 }).toBe('added');
    await expect.poll(() => page.getByTestId('playlist-item').count()).toBe(1);
    await expect.poll(() => guest.getByTestId('playlist-item').count()).toBe(1);
    await page.screenshot({ path: shot(`share-${device}-shared-into-room`) });
    // A reload does not add it again: the address no longer carries the share.
    expect(page.url()).toBe(roomUrl);
    await guest.close();
  });

  it('a share without a TikTok link says so, in the room', async () => {
    await page.goto(
      `${app.url}/share?text=${encodeURIComponent('https://example.com/not-tiktok')}`,
    );
    await page.waitForURL(roomUrl);
    await expect
      .poll(() => page.getByTestId('shared-link-notice').getAttribute('data-status'))
      .toBe('no-link');
    // The room as it was: its one clip, nothing added.
    await expect.poll(() => page.getByTestId('playlist-item').count()).toBe(1);
  });

  it('a bad room link shows a page with a way into a new room; API clients get JSON', async () => {
    const response = await page.goto(`${app.url}/room/party tonight!`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.getByTestId('bad-link').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'This room link doesn’t work',
    );
    await page.screenshot({ path: shot(`share-${device}-bad-link`) });

    const json = await fetch(`${app.url}/room/party%20tonight!`, {
      headers: { Accept: 'application/json' },
    });
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.json()).toMatchObject({ error: { code: 'ROOM_NOT_FOUND' } });

    await page.getByTestId('bad-link-new-room').click();
    await page.waitForURL(ROOM_URL);
    expect(page.url()).not.toBe(roomUrl);
    await expect.poll(() => page.getByTestId('people-count').textContent()).toBe('1');
  });

  it('the chat says a message is over the limit before it is sent', async () => {
    // On a phone the chat is a sheet: one tap on the rail opens it.
    if (device === 'phone') await page.getByTestId('rail-chat').tap();
    await page.getByTestId('chat-input').fill('a'.repeat(520));
    await expect
      .poll(() => page.getByTestId('chat-counter').textContent())
      .toContain('20 over the limit');
    expect(await page.getByTestId('chat-send').isDisabled()).toBe(true);
    await page.getByTestId('chat-input').fill('a'.repeat(500));
    expect(await page.getByTestId('chat-send').isDisabled()).toBe(false);
  });

  it('the service worker installs and caches the app shell only', async () => {
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const cache = await caches.open('wt-shell-v1');
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
    expect(cached).toContain('/manifest.webmanifest');
    // The entry script the page names (its name is the build's: `main-<hash>.js` since the
    // operator view became a second entry) is kept.
    const html = await (await page.request.get(`${app.url}/`)).text();
    const entry = /<script type="module"[^>]* src="(\/assets\/[\w.-]+\.js)"/.exec(html)?.[1];
    expect(entry).toMatch(/^\/assets\/main-[\w-]+\.js$/);
    expect(cached).toContain(entry);
    expect(cached.filter((path) => /^\/(socket\.io|api|media|room)/.test(path))).toEqual([]);
  });
});
