import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP } from './support/devices.js';

const TOKEN = 'e2e-operator-token-0123456789';
const VIDEO_URL = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';

describe('the operator view in a browser', () => {
  let app: AppProcess;
  let fake: FakeTikTok;
  let browser: Browser;
  let admin: Page;
  let guest: Page;

  beforeAll(async () => {
    fake = await startFakeTikTok();
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none', ADMIN_TOKEN: TOKEN });
    browser = await launchBrowser();
    admin = await (await browser.newContext(DESKTOP)).newPage();
    guest = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('refuses a wrong token, then draws live charts with the right one', async () => {
    await guest.goto(`${app.url}/room/busy-room`);
    await expect.poll(() => guest.getByTestId('people-count').textContent()).toBe('1');
    // A phone: the queue is in a sheet, opened from the rail.
    await guest.getByTestId('rail-queue').click();
    await guest.getByTestId('playlist-input').fill(VIDEO_URL);
    await guest.getByTestId('playlist-input').press('Enter');
    await expect.poll(() => guest.getByTestId('playlist-item').count()).toBe(1);

    await admin.goto(`${app.url}/admin`);
    await admin.getByLabel('Admin token').fill('not-the-token-at-all');
    await admin.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toMatch(/not right/);

    await admin.getByLabel('Admin token').fill(TOKEN);
    await admin.getByRole('button', { name: 'Open' }).click();
    const rooms = admin.getByTestId('admin-top-rooms');
    await expect.poll(() => rooms.textContent(), { timeout: 10_000 }).toContain('busy-room');
    await expect
      .poll(() => admin.getByTestId('admin-top-rooms').locator('tbody tr').first().textContent())
      .toBe('busy-room11');
    // A few samples later the sparklines of what is always measured have a line (the cache
    // and resolve-time charts only where an interval had resolves).
    await expect
      .poll(() => admin.locator('.admin-card__chart path[d^="M"]').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(5);
    expect(
      await admin.getByTestId('admin-people').locator('.admin-card__value').textContent(),
    ).toBe('1');
    // The token stays in this tab's sessionStorage and never in the address.
    expect(admin.url()).not.toContain(TOKEN);
    await admin.screenshot({ path: shot('admin-desktop') });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: shot('admin-phone'), fullPage: true });
  });
});
