import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';

const VIDEO_URL = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';
const UI_WAIT = { timeout: 20_000 };

/**
 * The server restarts (SIGTERM, then the same command on the same address and DATA_DIR)
 * under an open page: the page says it is reconnecting, comes back by itself and shows
 * the room as it was, its queue, its chat and who is there.
 */
describe('a restart under an open page', () => {
  let fake: FakeTikTok;
  let browser: Browser;
  let app: AppProcess;
  let page: Page;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wt-e2e-restart-'));

  beforeAll(async () => {
    fake = await startFakeTikTok();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the page comes back to the room as it was: queue, chat and name', async () => {
    const env = { TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none', DATA_DIR: dataDir };
    app = await startApp(env);
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.url}/new`);
    await page.waitForURL(/\/room\//);
    await page.getByTestId('rail-people').click();
    await page.getByTestId('name-input').fill('Rosa');
    await page.getByTestId('name-input').press('Enter');
    await page.getByTestId('sheet-tab-queue').click();
    await page.getByTestId('playlist-input').fill(VIDEO_URL);
    await page.getByTestId('playlist-input').press('Enter');
    await expect.poll(() => page.getByTestId('playlist-item').count(), UI_WAIT).toBe(1);
    await page.getByTestId('sheet-tab-chat').click();
    await page.getByTestId('chat-input').fill('Still here after the restart?');
    await page.getByTestId('chat-input').press('Enter');
    const message = page.getByTestId('chat-message').filter({ hasText: 'after the restart' });
    await expect.poll(() => message.count(), UI_WAIT).toBe(1);

    const port = new URL(app.url).port;
    expect(await app.stop('SIGTERM')).toBe(0);
    // The page says so while the server is away.
    await expect
      .poll(() => page.getByTestId('connection-banner').textContent(), UI_WAIT)
      .toMatch(/connect/i);
    await page.screenshot({ path: shot('phone-restart-away') });
    app = await startApp({ ...env, PORT: port });

    await expect.poll(() => page.getByTestId('connection-banner').count(), UI_WAIT).toBe(0);
    await expect.poll(() => message.count(), UI_WAIT).toBe(1);
    await page.getByTestId('sheet-tab-queue').click();
    await expect.poll(() => page.getByTestId('playlist-item').count(), UI_WAIT).toBe(1);
    await page.getByTestId('sheet-tab-people').click();
    await expect
      .poll(() => page.getByTestId('user-chip').filter({ hasText: 'Rosa' }).count(), UI_WAIT)
      .toBe(1);
    await page.screenshot({ path: shot('phone-restart-back') });
  });
});
