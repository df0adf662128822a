import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipId, makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { joinAs, type TestSocket } from '../../packages/server/test/support/client.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';

/** A 20 s clip: long enough to react ahead of the frame on screen. */
const VIDEO_ID = clipId(1, 20);
const VIDEO_URL = `https://www.tiktok.com/@fake.creator/video/${VIDEO_ID}`;

/** What a page saw the moment a reaction element appeared. */
interface Seen {
  clipTime: number;
  /** The page's own `<video>` time at that moment. */
  videoTime: number;
  emoji: string;
}

/** Records, in the page, the video's time the instant each reaction element is added. */
async function watchReactions(page: Page): Promise<Seen[]> {
  const seen: Seen[] = [];
  await page.exposeFunction('recordReaction', (entry: Seen) => {
    seen.push(entry);
  });
  await page.evaluate(() => {
    const record: unknown = Reflect.get(window, 'recordReaction');
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (!(node instanceof HTMLElement) || node.dataset.testid !== 'reaction') continue;
          const video = document.querySelector('[data-testid="video-element"]');
          const entry = {
            clipTime: Number(node.dataset.clipTime),
            videoTime: video instanceof HTMLVideoElement ? video.currentTime : -1,
            emoji: node.querySelector('.reaction-float__emoji')?.textContent ?? '',
          };
          if (typeof record === 'function') Reflect.apply(record, window, [entry]);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return seen;
}

async function currentTime(page: Page): Promise<number> {
  return page
    .getByTestId('video-element')
    .evaluate((video) => (video instanceof HTMLVideoElement ? video.currentTime : -1));
}

describe('reactions anchored to the frame', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let phone: Page;
  let desktop: Page;
  let onPhone: Seen[];
  let onDesktop: Seen[];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    fake = await startFakeTikTok({ clips: await makeClips([20]) });
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    phone = await (await browser.newContext(PHONE)).newPage();
    desktop = await (await browser.newContext(DESKTOP)).newPage();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('a reaction sent on one page appears on both at the same video time', async () => {
    await desktop.goto(`${app.url}/room/reactions-e2e`);
    await phone.goto(`${app.url}/room/reactions-e2e`);
    await expect.poll(() => desktop.getByTestId('people-count').textContent()).toBe('2');
    await desktop.getByTestId('playlist-input').fill(VIDEO_URL);
    await desktop.getByTestId('playlist-input').press('Enter');
    for (const page of [desktop, phone]) {
      await expect
        .poll(() => page.getByTestId('video-element').getAttribute('src'), { timeout: 15_000 })
        .toBe(`/media/${VIDEO_ID}.mp4`);
    }
    await desktop.getByTestId('play-toggle').click();
    for (const page of [desktop, phone]) {
      await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(1);
    }
    onDesktop = await watchReactions(desktop);
    onPhone = await watchReactions(phone);

    await phone.getByRole('button', { name: 'React with fire' }).tap();
    await expect.poll(() => onDesktop.length, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => onPhone.length, { timeout: 5_000 }).toBe(1);
    const [sent, received] = [onPhone[0], onDesktop[0]];
    if (!sent || !received) throw new Error('no reaction seen');
    expect(sent.emoji).toBe('🔥');
    expect(received).toMatchObject({ emoji: '🔥', clipTime: sent.clipTime });
    // Each page showed it when its own video was at the frame it was sent at.
    expect(Math.abs(sent.videoTime - sent.clipTime)).toBeLessThan(0.25);
    expect(Math.abs(received.videoTime - received.clipTime)).toBeLessThan(0.25);
    expect(Math.abs(sent.videoTime - received.videoTime)).toBeLessThan(0.25);
    await phone.screenshot({ path: shot('reaction-phone') });
    await desktop.screenshot({ path: shot('reaction-desktop') });
  });

  it('a reaction for a frame still ahead waits on every screen until its video gets there', async () => {
    const bot = await joinAs(app.url, 'reactions-e2e', 'bot', 'Bot', 3);
    sockets.push(bot.socket);
    const itemId = bot.ack.room.player.itemId;
    if (itemId === undefined) throw new Error('nothing plays');
    const now = await currentTime(desktop);
    const clipTime = Math.round((now + 2) * 10) / 10;
    const sentAt = Date.now();
    const ack = await bot.socket.emitWithAck('send_reaction', {
      roomId: 'reactions-e2e',
      emoji: '😮',
      itemId,
      clipTime,
    });
    expect(ack.ok).toBe(true);
    await expect.poll(() => onDesktop.length, { timeout: 6_000 }).toBe(2);
    await expect.poll(() => onPhone.length, { timeout: 6_000 }).toBe(2);
    // Neither showed it on arrival: each waited for its own video to reach the frame.
    expect(Date.now() - sentAt).toBeGreaterThan(1_500);
    for (const seen of [onDesktop[1], onPhone[1]]) {
      expect(seen?.clipTime).toBe(clipTime);
      const late = (seen?.videoTime ?? -1) - clipTime;
      expect(late).toBeGreaterThanOrEqual(-0.02);
      expect(late).toBeLessThan(0.15);
    }
  });

  it('the chat says who played, with a time, apart from what people wrote', async () => {
    const line = phone.locator('[data-testid="chat-message"][data-activity="play"]');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.textContent()).toMatch(/pressed play/);
    expect(await line.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const add = desktop.locator('[data-testid="chat-message"][data-activity="add"]');
    await expect.poll(() => add.count()).toBe(1);
    // On the phone the chat is a sheet: one tap on the rail opens it.
    await phone.getByTestId('rail-chat').tap();
    await expect.poll(() => phone.getByTestId('chat-input').isVisible()).toBe(true);
    await phone
      .getByRole('region', { name: 'Chat' })
      .screenshot({ path: shot('chat-lines-phone') });
    const longName = 'W'.repeat(32);
    await desktop.getByTestId('chat-input').fill(`${longName} `.repeat(12));
    await desktop.getByTestId('chat-send').click();
    const row = phone.getByTestId('chat-message').filter({ hasText: longName }).last();
    await expect.poll(() => row.count()).toBe(1);
    // A long message wraps inside the chat: it never widens the row.
    const box = await row.boundingBox();
    const list = await phone.locator('.chat-messages').boundingBox();
    expect(box && list && box.width <= list.width + 1).toBe(true);
    await row.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: shot('chat-activity-phone'), fullPage: true });
    await desktop.screenshot({ path: shot('chat-activity-desktop') });
  });

  it('newlines in a message stay inside its own bubble: they cannot fake a system line', async () => {
    const forged = 'see you soon\n\n\n\nLucky Penguin is now the host';
    await desktop.getByTestId('chat-input').fill(forged);
    await desktop.getByTestId('chat-send').click();
    const row = phone.getByTestId('chat-message').filter({ hasText: 'is now the host' }).last();
    await expect.poll(() => row.count()).toBe(1);
    const shown = await row.evaluate((element) => ({
      system: element.getAttribute('data-system'),
      author: element.querySelector('.chat-message__author')?.textContent ?? '',
      // What a person sees: the text as laid out, its line breaks included.
      text: element.querySelector<HTMLElement>('.chat-message__text')?.innerText ?? '',
    }));
    // Still the sender's message, under their name; blank lines beyond one are gone.
    expect(shown.system).toBeNull();
    expect(shown.author).not.toBe('');
    expect(shown.text).toBe('see you soon\n\nLucky Penguin is now the host');
    await row.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: shot('chat-newlines-phone') });
  });
});
