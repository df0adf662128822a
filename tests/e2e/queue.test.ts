import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS, genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';
import { delaySocket } from './support/delayed-socket.js';

/** Server round trips on a loaded machine: generous, never the default 1 s. */
const WAIT = { timeout: 15_000 };

const link = (id: string) => `https://www.tiktok.com/@fake.creator/video/${id}`;
const READY = [genericId(11), genericId(12), genericId(13)].map(link);
const DELETED = link(FAKE_IDS.deleted);
const PHOTO = link(FAKE_IDS.photo);
/** TikTok answers "a problem, try later": the embed may still play it. */
const EMBED_ONLY = link(FAKE_IDS.serverError);

/** The queue's item ids, top to bottom, as a page shows them. */
function order(page: Page): Promise<string> {
  return page
    .getByTestId('playlist-item')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id')).join(','));
}

function statuses(page: Page): Promise<string> {
  return page
    .getByTestId('item-status')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')).join(','));
}

/** Pastes text into the link field the way a clipboard paste does. */
async function paste(page: Page, text: string): Promise<void> {
  await page.getByTestId('playlist-input').focus();
  await page.evaluate((value) => {
    const input = document.querySelector('[data-testid="playlist-input"]');
    const data = new DataTransfer();
    data.setData('text/plain', value);
    input?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** A finger drag with real touch events (Chromium turns them into pointer events). */
async function touchDrag(
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  const point = (p: { x: number; y: number }) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    const at = { x: from.x, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(at) });
  }
  // The finger rests on the drop spot before it lifts (as in support/touch.ts: lifted at
  // speed, emulated Chromium flings and swallows the page's next tap).
  await new Promise((resolve) => setTimeout(resolve, 150));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function centre(page: Page, testId: string, index: number) {
  const box = await page.getByTestId(testId).nth(index).boundingBox();
  if (!box) throw new Error(`${testId} ${index} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('queue power: one page acts, the other sees it', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let phone: Page;
  let desk: Page;

  beforeAll(async () => {
    fake = await startFakeTikTok();
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    phoneContext = await browser.newContext(PHONE);
    phone = await phoneContext.newPage();
    desk = await (await browser.newContext(DESKTOP)).newPage();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('several links pasted at once are each added, with a line of feedback each', async () => {
    // `/` is the home page; `/new` starts a fresh room.
    await phone.goto(`${app.url}/new`);
    await phone.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
    await desk.goto(phone.url());
    await expect.poll(() => desk.getByTestId('people-count').textContent(), WAIT).toBe('2');
    // On the phone the queue lives in a sheet: one tap on the rail opens it (it stays open).
    await phone.getByTestId('rail-queue').tap();
    await expect.poll(() => phone.getByTestId('playlist-input').isVisible(), WAIT).toBe(true);

    await paste(phone, [...READY, DELETED, PHOTO, EMBED_ONLY].join('\n'));
    expect(await phone.getByTestId('playlist-input').inputValue()).toBe(
      [...READY, DELETED, PHOTO, EMBED_ONLY].join(' '),
    );
    await phone.getByTestId('playlist-add').tap();
    await expect
      .poll(
        () =>
          phone
            .getByTestId('link-feedback-row')
            .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')).join(',')),
        WAIT,
      )
      .toBe('added,added,added,added,added,added');
    await expect.poll(() => desk.getByTestId('playlist-item').count(), WAIT).toBe(6);
    await expect
      .poll(() => statuses(desk), { timeout: 20_000 })
      .toBe('ready,ready,ready,failed,failed,embed-only');
  });

  it('failed items say why in words, show our card and cannot be played', async () => {
    const failed = phone.locator('[data-testid="playlist-item"]:has([data-status="failed"])');
    await expect.poll(() => failed.nth(0).textContent(), WAIT).toMatch(/deleted or is unavailable/);
    await expect.poll(() => failed.nth(1).textContent(), WAIT).toMatch(/photo post, not a video/);
    expect(await failed.nth(1).textContent()).not.toMatch(/different video/);
    expect(await failed.nth(0).getByTestId('play-video').isDisabled()).toBe(true);
    expect(await failed.nth(0).getByTestId('retry-video').count()).toBe(1);
    // Covers come from our own origin.
    const src = await desk.locator('img.playlist-thumb').first().getAttribute('src');
    expect(src).toMatch(/^\/media\/\d+\/thumbnail$/);
    await expect
      .poll(
        () =>
          desk
            .locator('img.playlist-thumb')
            .first()
            .evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth),
        WAIT,
      )
      .toBeGreaterThan(0);
  });

  it('Retry asks TikTok again after a hiccup: the row resolves once more, for everyone', async () => {
    // TikTok's error page for this one is not definite (its embed may still play it), so it
    // is never remembered as failed: a retry really asks again.
    const hiccup = (page: Page) =>
      page.locator('[data-testid="playlist-item"]:has([data-status="embed-only"])').first();
    const id = await hiccup(desk).getAttribute('data-item-id');
    const row = (page: Page) => page.locator(`[data-testid="playlist-item"][data-item-id="${id}"]`);
    const status = (page: Page) => row(page).locator('[data-status]').getAttribute('data-status');
    const asked = () =>
      [...fake.stats.pageHits.values()].reduce((sum, hits) => sum + hits, fake.stats.apiHits);
    const askedBefore = asked();
    // Slow enough that the second page sees the item resolving.
    fake.options.delayMs = 3_000;
    await hiccup(phone).getByTestId('retry-video').tap();
    await expect.poll(() => status(desk), WAIT).toBe('resolving');
    await expect.poll(() => status(phone), WAIT).toBe('resolving');
    fake.options.delayMs = 0;
    await expect.poll(() => status(desk), WAIT).toBe('embed-only');
    await expect.poll(() => status(phone), WAIT).toBe('embed-only');
    expect(asked()).toBeGreaterThan(askedBefore);
    expect(await order(desk)).toBe(await order(phone));
  });

  it('a duplicate is flagged and can still be added on purpose', async () => {
    await phone.getByTestId('playlist-input').fill(READY[0] ?? '');
    await phone.getByTestId('playlist-add').tap();
    await expect
      .poll(() => phone.getByTestId('link-feedback-row').first().getAttribute('data-state'), WAIT)
      .toBe('duplicate');
    expect(await phone.getByTestId('link-feedback').textContent()).toMatch(/Already in the queue/);
    expect(await desk.getByTestId('playlist-item').count()).toBe(6);
    await phone.getByTestId('add-anyway').tap();
    await expect.poll(() => desk.getByTestId('playlist-item').count(), WAIT).toBe(7);
    await phone.getByTestId('remove-video').nth(6).tap();
    await expect.poll(() => desk.getByTestId('playlist-item').count(), WAIT).toBe(6);
  });

  it('a tap on a row plays nothing; its Play button plays it for everyone', async () => {
    // These clips are 4 s long: with autoplay on, the room moves on by itself while the
    // tests below look at which clip is current. Off (for everyone), it stays where a
    // person put it.
    if (await desk.getByTestId('autoplay-switch').isChecked()) {
      await desk.getByTestId('autoplay-switch').click();
    }
    await expect.poll(() => phone.getByTestId('autoplay-switch').isChecked(), WAIT).toBe(false);
    const before = await desk.locator('[data-current="true"]').getAttribute('data-item-id');
    await phone.getByTestId('playlist-item-title').nth(1).tap();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await desk.locator('[data-current="true"]').getAttribute('data-item-id')).toBe(before);
    const second = await phone.getByTestId('playlist-item').nth(1).getAttribute('data-item-id');
    await phone.getByTestId('playlist-item').nth(1).getByTestId('play-video').tap();
    await expect
      .poll(() => desk.locator('[data-current="true"]').getAttribute('data-item-id'), WAIT)
      .toBe(second);
  });

  it('Play next puts a clip right after the current one, for everyone', async () => {
    const ids = (await order(desk)).split(',');
    const current = await desk.locator('[data-current="true"]').getAttribute('data-item-id');
    // The first row is not current (the second is, from the test above) and is playable.
    const chosen = ids[0];
    expect(chosen).not.toBe(current);
    await phone.getByTestId('playlist-item').nth(0).getByTestId('play-next').tap();
    const expected = [...ids.filter((id) => id !== chosen)];
    expected.splice(expected.indexOf(current ?? '') + 1, 0, chosen ?? '');
    await expect.poll(() => order(desk), WAIT).toBe(expected.join(','));
    await expect.poll(() => order(phone), WAIT).toBe(expected.join(','));
    // Nothing else changed: the same clip is still current.
    expect(await desk.locator('[data-current="true"]').getAttribute('data-item-id')).toBe(current);
  });

  it('every status on screen, while one still resolves (screenshots)', async () => {
    fake.options.delayMs = 20_000;
    await desk.getByTestId('playlist-input').fill(link(genericId(14)));
    await desk.getByTestId('playlist-input').press('Enter');
    await expect
      .poll(() => statuses(phone), WAIT)
      .toBe('ready,ready,ready,failed,failed,embed-only,resolving');
    await phone.getByTestId('item-status').nth(6).scrollIntoViewIfNeeded();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await phone.locator('section.playlist').screenshot({ path: shot('queue-statuses-phone') });
    await desk.locator('section.playlist').screenshot({ path: shot('queue-statuses-desktop') });
    // The panel's height is the page layout's; lifted here only so one picture shows every row.
    await desk.addStyleTag({ content: '.app-side .playlist { max-height: none !important; }' });
    await desk.locator('section.playlist').screenshot({ path: shot('queue-statuses-all') });
    fake.options.delayMs = 0;
  });

  it('a touch drag on the phone reorders the queue for the desktop too', async () => {
    const cdp = await phoneContext.newCDPSession(phone);
    const before = (await order(phone)).split(',');
    await phone.getByTestId('drag-handle').nth(2).scrollIntoViewIfNeeded();
    const from = await centre(phone, 'drag-handle', 2);
    const to = await centre(phone, 'drag-handle', 0);
    await touchDrag(cdp, from, { x: from.x, y: to.y - 10 });
    const expected = [before[2], before[0], before[1], ...before.slice(3)].join(',');
    await expect.poll(() => order(phone), WAIT).toBe(expected);
    await expect.poll(() => order(desk), WAIT).toBe(expected);
  });

  it('the keyboard moves a row too (arrow keys on its handle)', async () => {
    const before = (await order(desk)).split(',');
    await desk.getByTestId('drag-handle').nth(0).focus();
    await desk.keyboard.press('ArrowDown');
    const expected = [before[1], before[0], ...before.slice(2)].join(',');
    await expect.poll(() => order(phone), WAIT).toBe(expected);
  });

  it('shuffle on the phone: the desktop shows the same order, the current clip first', async () => {
    const current = await desk.locator('[data-current="true"]').getAttribute('data-item-id');
    const before = await order(desk);
    await phone.getByTestId('shuffle-queue').tap();
    await expect
      .poll(
        () => desk.locator('[data-testid="playlist-item"]').first().getAttribute('data-item-id'),
        WAIT,
      )
      .toBe(current);
    await expect.poll(async () => (await order(desk)) === (await order(phone)), WAIT).toBe(true);
    expect((await order(desk)).split(',').sort()).toEqual(before.split(',').sort());
  });

  it('loop and autoplay set on the phone show on the desktop', async () => {
    await phone.getByTestId('loop-all').tap();
    await expect.poll(() => desk.getByTestId('loop-all').isChecked(), WAIT).toBe(true);
    await phone.getByTestId('loop-one').tap();
    await expect.poll(() => desk.getByTestId('loop-one').isChecked(), WAIT).toBe(true);
    const autoplay = await desk.getByTestId('autoplay-switch').isChecked();
    await phone.getByTestId('autoplay-switch').tap();
    await expect.poll(() => desk.getByTestId('autoplay-switch').isChecked(), WAIT).toBe(!autoplay);
    await phone.locator('section.playlist').screenshot({ path: shot('queue-after-shuffle-phone') });
  });

  it('clear keeps the clip playing now', async () => {
    const current = await desk.locator('[data-current="true"]').getAttribute('data-item-id');
    await desk.getByTestId('clear-queue').click();
    await desk.getByTestId('clear-rest').click();
    await expect.poll(() => order(phone), WAIT).toBe(current);
  });

  it('a link pasted while the page is still connecting goes in once it has joined', async () => {
    const late = await (await browser.newContext(DESKTOP)).newPage();
    const lateLink = await delaySocket(late, 0);
    lateLink.drop(); // Its socket waits until the link is back.
    await late.goto(phone.url());
    await late.getByTestId('playlist-input').fill(link(genericId(14)));
    await late.getByTestId('playlist-add').click();
    // Still connecting: the link waits, shown as being added, instead of being refused.
    await expect
      .poll(() => late.getByTestId('link-feedback-row').getAttribute('data-state'), WAIT)
      .toBe('adding');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await late.getByTestId('link-feedback-row').getAttribute('data-state')).toBe('adding');
    await late.screenshot({ path: shot('queue-link-while-connecting-desktop') });
    lateLink.restore();
    await expect.poll(() => desk.getByTestId('playlist-item').count(), WAIT).toBe(2);
    await late.context().close();
  });
});
