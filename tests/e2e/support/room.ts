import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A TikTok link the fake origin (the app's `TIKTOK_ORIGIN`) resolves. */
export const tiktokLink = (id: string): string =>
  `https://www.tiktok.com/@fake.creator/video/${id}`;

/**
 * Opens a new room on `page` (as "Start a party" does), waits until it is in it, then
 * pastes each link into the queue, one at a time, waiting for each to be listed.
 */
export async function openRoomWith(
  page: Page,
  appUrl: string,
  links: readonly string[],
): Promise<void> {
  await page.goto(`${appUrl}/new`);
  await page.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
  await expect.poll(() => page.getByTestId('people-count').textContent()).toBe('1');
  for (const [n, link] of links.entries()) {
    await page.getByTestId('playlist-input').fill(link);
    await page.getByTestId('playlist-input').press('Enter');
    await expect.poll(() => page.getByTestId('playlist-item').count()).toBe(n + 1);
  }
}
