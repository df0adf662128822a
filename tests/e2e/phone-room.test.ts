import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';
import { delaySocket, type DelayedSocket } from './support/delayed-socket.js';
import { swipe } from './support/touch.js';

/** How long the UI may take to answer on a shared, busy test machine. */
const UI_WAIT = { timeout: 5_000 };

const pageUrl = (id: string) => `https://www.tiktok.com/@fake.creator/video/${id}`;

/** Sums the page's layout shifts not caused by input (what CLS counts), from its start. */
async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let total = 0;
    Reflect.set(window, '__wtShift', total);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (Reflect.get(entry, 'hadRecentInput') === true) continue;
        const value: unknown = Reflect.get(entry, 'value');
        if (typeof value === 'number') total += value;
      }
      Reflect.set(window, '__wtShift', total);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function layoutShift(page: Page): Promise<number> {
  return page.evaluate((): number => {
    const total: unknown = Reflect.get(window, '__wtShift');
    return typeof total === 'number' ? total : Number.NaN;
  });
}

/** Whether the element is entirely inside the viewport (so a person can reach it). */
async function inViewport(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return (
    box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
  );
}

/**
 * The room on a phone (390x844, touch, device scale 2) beside a desktop (1440x900):
 * the clip fills the phone's screen, a swipe moves the room, chat floats over the clip,
 * landscape works, and axe finds nothing serious on either.
 */
describe('the room on a phone', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let phone: Page;
  let phoneLink: DelayedSocket;
  let desktop: Page;
  let ids: string[] = [];

  beforeAll(async () => {
    const clips = await makeClips([20, 21, 22]);
    ids = [...clips.keys()];
    fake = await startFakeTikTok({ clips });
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    phone = await (await browser.newContext(PHONE)).newPage();
    desktop = await (await browser.newContext(DESKTOP)).newPage();
    await watchLayoutShift(phone);
    phoneLink = await delaySocket(phone, 0);
  });

  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('the phone opens a room in its phone layout; the desktop joins and queues three clips', async () => {
    await phone.goto(`${app.url}/new`);
    await phone.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
    expect(await phone.getByTestId('app').getAttribute('data-layout')).toBe('phone');
    // The connection state in words, not only a dot.
    await expect
      .poll(() => phone.getByTestId('connection-status').textContent(), UI_WAIT)
      .toBe('Connected');
    await desktop.goto(phone.url());
    expect(await desktop.getByTestId('app').getAttribute('data-layout')).toBe('desktop');
    for (const [n, id] of ids.entries()) {
      await desktop.getByTestId('playlist-input').fill(pageUrl(id));
      await desktop.getByTestId('playlist-input').press('Enter');
      await expect.poll(() => desktop.getByTestId('playlist-item').count(), UI_WAIT).toBe(n + 1);
    }
    await expect.poll(() => phone.getByTestId('people-count').textContent(), UI_WAIT).toBe('2');
    await expect
      .poll(() => phone.getByTestId('video-element').getAttribute('src'), { timeout: 20_000 })
      .toBe(`/media/${ids[0] ?? ''}.mp4`);
    // The stage fills the phone's screen; the controls are on it, within reach.
    const stage = await phone.getByTestId('player-stage').boundingBox();
    expect(stage).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await inViewport(phone, 'play-toggle')).toBe(true);
    // Nothing moved while the clips resolved and loaded.
    expect(await layoutShift(phone)).toBeLessThan(0.05);
  });

  it('plays: screenshots of the phone and the desktop', async () => {
    await phone.getByTestId('play-toggle').click();
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('player-status').textContent(), UI_WAIT)
        .toMatch(/Playing/);
    }
    await phone.waitForTimeout(1_000);
    await phone.screenshot({ path: shot('phone-room-playing') });
    await desktop.screenshot({ path: shot('desktop-room-playing') });
  });

  it('a swipe up on the phone moves the room to the next clip, a swipe down back', async () => {
    await swipe(phone, 160, 520, 220);
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('now-playing-index').textContent(), UI_WAIT)
        .toBe('2 / 3');
      await expect
        .poll(() => page.getByTestId('video-element').getAttribute('src'), { timeout: 15_000 })
        .toBe(`/media/${ids[1] ?? ''}.mp4`);
    }
    await swipe(phone, 160, 220, 560);
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('now-playing-index').textContent(), UI_WAIT)
        .toBe('1 / 3');
    }
    // A swipe down at the first clip (loop off) goes nowhere, and says so.
    await swipe(phone, 160, 220, 560);
    await expect
      .poll(() => phone.getByTestId('stage-hint').textContent(), { timeout: 3_000 })
      .toMatch(/first clip/);
    expect(await desktop.getByTestId('now-playing-index').textContent()).toBe('1 / 3');
  });

  it('chat floats over the clip with an unread count; the chat sheet opens with one tap', async () => {
    await desktop.getByTestId('chat-input').fill('This one is so good 😂');
    await desktop.getByTestId('chat-input').press('Enter');
    await expect
      .poll(() => phone.getByTestId('floating-chat-line').filter({ hasText: 'so good' }).count())
      .toBe(1);
    await expect.poll(() => phone.getByTestId('rail-chat-badge').textContent(), UI_WAIT).toBe('1');
    await phone.waitForTimeout(400);
    await phone.screenshot({ path: shot('phone-chat-floating') });

    await phone.getByTestId('rail-chat').tap();
    await expect.poll(() => phone.getByTestId('chat-input').isVisible(), UI_WAIT).toBe(true);
    expect(await phone.getByTestId('rail-chat-badge').count()).toBe(0);
    await phone.getByTestId('chat-input').fill('Swiping to the next one!');
    await phone.getByTestId('chat-send').tap();
    await expect
      .poll(() => desktop.getByTestId('chat-message').filter({ hasText: 'Swiping' }).count())
      .toBe(1);
    // The clip stays in view above the sheet, with its controls.
    expect(await inViewport(phone, 'play-toggle')).toBe(true);
    await phone.screenshot({ path: shot('phone-chat-open') });

    await phone.getByTestId('sheet-tab-queue').tap();
    await expect
      .poll(() => phone.getByTestId('playlist-item').first().isVisible(), UI_WAIT)
      .toBe(true);
    await phone.screenshot({ path: shot('phone-queue-open') });
    await phone.getByTestId('sheet-close').tap();
    expect(await phone.getByTestId('room-panels').isHidden()).toBe(true);
  });

  it('people: an emoji name gives a whole emoji; one person in two tabs is listed once', async () => {
    await phone.getByTestId('rail-people').tap();
    const name = phone.getByTestId('name-input');
    await name.fill('😀 Foxy the Extraordinarily Long');
    await name.press('Enter');
    await expect
      .poll(() =>
        desktop
          .getByTestId('user-chip')
          .filter({ hasText: 'Foxy' })
          .locator('.user-chip__avatar')
          .getAttribute('data-initials'),
      )
      .toBe('😀F');
    // Each person shows their sync state, and both players say they are in sync.
    await expect.poll(() => phone.getByTestId('sync-dot').count(), UI_WAIT).toBe(2);
    await expect
      .poll(
        () =>
          phone
            .getByTestId('sync-dot')
            .evaluateAll((dots) => dots.map((dot) => dot.getAttribute('data-status'))),
        { timeout: 15_000 },
      )
      .toEqual(['in_sync', 'in_sync']);
    await phone.screenshot({ path: shot('phone-people-open') });
    // The longest name, one word without a space: it wraps inside its chip, on both pages.
    const longest = 'Wolfeschlegelsteinhausenbergerdo';
    await name.fill(longest);
    await name.press('Enter');
    for (const page of [desktop, phone]) {
      const chip = page.getByTestId('user-chip').filter({ hasText: longest });
      await expect.poll(() => chip.count(), UI_WAIT).toBe(1);
      const fits = await chip.evaluate((element) => {
        const panel = element.closest('.people-panel') ?? document.body;
        const name = element.querySelector('.user-chip__name') ?? element;
        return {
          inChip: element.scrollWidth <= element.clientWidth,
          inPanel: name.getBoundingClientRect().right <= panel.getBoundingClientRect().right + 0.5,
        };
      });
      expect(fits).toEqual({ inChip: true, inPanel: true });
    }
    await phone.screenshot({ path: shot('phone-people-long-name') });
    await phone.getByTestId('sheet-close').tap();
    // The picture is labelled with the clip it shows, for screen readers.
    expect(await desktop.getByTestId('video-element').getAttribute('aria-label')).toMatch(
      /^Clip: ./,
    );

    const secondTab = await desktop.context().newPage();
    await secondTab.goto(desktop.url());
    await expect.poll(() => secondTab.getByTestId('people-count').textContent(), UI_WAIT).toBe('2');
    await expect.poll(() => desktop.getByTestId('user-chip').count(), UI_WAIT).toBe(2);
    expect(await phone.getByTestId('people-count').textContent()).toBe('2');
    await secondTab.close();
  });

  it('on its side (844x390) the clip fits and the controls are within reach', async () => {
    await phone.setViewportSize({ width: 844, height: 390 });
    await expect
      .poll(() => phone.getByTestId('app').getAttribute('data-layout'), UI_WAIT)
      .toBe('phone');
    const stage = await phone.getByTestId('player-stage').boundingBox();
    expect(stage).toEqual({ x: 0, y: 0, width: 844, height: 390 });
    for (const id of ['play-toggle', 'seek-bar', 'next-clip', 'rail-chat', 'share-button']) {
      expect(await inViewport(phone, id), id).toBe(true);
    }
    // The video itself is fitted whole inside the stage.
    const video = await phone.getByTestId('video-element').boundingBox();
    expect(video?.height).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: shot('phone-landscape') });
    await phone.getByTestId('rail-chat').tap();
    await phone.screenshot({ path: shot('phone-landscape-chat') });
    await phone.getByTestId('sheet-close').tap();
    await phone.setViewportSize({ width: 390, height: 844 });
  });

  it('a dropped link shows a compact banner; the stale "Not connected" error clears once it is back', async () => {
    phoneLink.drop();
    await expect
      .poll(() => phone.getByTestId('connection-banner').textContent(), { timeout: 15_000 })
      .toMatch(/Reconnecting/);
    expect(await phone.getByTestId('connection-status').textContent()).toMatch(/Reconnecting/);
    const banner = await phone.getByTestId('connection-banner').boundingBox();
    expect(banner?.height).toBeLessThan(40);
    await phone.getByTestId('play-toggle').tap();
    await expect
      .poll(() => phone.getByTestId('player-error').textContent(), UI_WAIT)
      .toMatch(/Not connected/);
    await phone.screenshot({ path: shot('phone-reconnecting') });
    phoneLink.restore();
    await expect
      .poll(() => phone.getByTestId('connection-banner').count(), { timeout: 30_000 })
      .toBe(0);
    await expect.poll(() => phone.getByTestId('player-error').count(), UI_WAIT).toBe(0);
  });

  it('axe finds no serious or critical violation on the phone or the desktop', async () => {
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByTestId('rail-chat').tap();
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByTestId('sheet-close').tap();
    expect(await seriousViolations(desktop)).toEqual([]);
  });
});
