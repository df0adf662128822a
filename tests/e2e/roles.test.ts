import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';

/** Server round trips on a loaded machine: generous, never the default 1 s. */
const WAIT = { timeout: 15_000 };

const link = (n: number) => `https://www.tiktok.com/@fake.creator/video/${genericId(n)}`;

describe('roles: the host locks the controls, a member sees them off and votes to skip', () => {
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

  it('the creator is host: a badge, the lock switch and a menu per person', async () => {
    await desk.goto(`${app.url}/new`);
    await desk.waitForURL(/\/room\/[A-Za-z0-9_-]+$/);
    await phone.goto(desk.url());
    await expect.poll(() => desk.getByTestId('people-count').textContent(), WAIT).toBe('2');
    for (const n of [21, 22]) {
      await desk.getByTestId('playlist-input').fill(link(n));
      await desk.getByTestId('playlist-add').click();
      await expect.poll(() => desk.getByTestId('playlist-item').count(), WAIT).toBe(n - 20);
    }
    await expect
      .poll(() => desk.locator('[data-testid="role-badge"]').allTextContents(), WAIT)
      .toEqual(['Host']);
    expect(await desk.getByTestId('lock-toggle').getAttribute('aria-checked')).toBe('false');
    // The host has a menu for the other person, none for themself.
    expect(await desk.getByTestId('member-menu-toggle').count()).toBe(1);
    // The member has neither the switch nor menus, and their controls work.
    await expect.poll(() => phone.getByTestId('play-toggle').isDisabled(), WAIT).toBe(false);
    expect(await phone.getByTestId('member-menu-toggle').count()).toBe(0);
    expect(await phone.getByTestId('lock-toggle').count()).toBe(0);
  });

  it('locked: the member’s controls are off with the reason, and the vote to skip counts', async () => {
    await desk.getByTestId('lock-toggle').click();
    await expect
      .poll(() => desk.getByTestId('lock-toggle').getAttribute('aria-checked'), WAIT)
      .toBe('true');
    await desk.screenshot({ path: shot('roles-desktop-host-locked') });

    await expect.poll(() => phone.getByTestId('locked-notice').count(), WAIT).toBe(1);
    for (const id of ['play-toggle', 'next-clip', 'previous-clip', 'seek-bar']) {
      expect(await phone.getByTestId(id).isDisabled(), id).toBe(true);
    }
    // The room's switches give way to the reason and the vote.
    expect(await phone.getByTestId('loop-mode').count()).toBe(0);
    expect(await phone.getByTestId('locked-notice').textContent()).toMatch(
      /Locked by the host: only hosts can play, skip or change the queue/,
    );
    expect(await phone.getByTestId('play-toggle').getAttribute('title')).toBe(
      'The host has locked the controls',
    );
    // A tap on the clip plays nothing either.
    await phone.getByTestId('player-stage').tap({ position: { x: 195, y: 300 } });
    expect(await desk.getByTestId('play-toggle').getAttribute('aria-label')).toBe('Play');
    expect(await phone.getByTestId('vote-skip').textContent()).toBe('Vote to skip (0/2)');
    await phone.screenshot({ path: shot('roles-phone-member-locked') });

    await phone.getByTestId('rail-people').tap();
    await expect
      .poll(() => phone.getByTestId('lock-state').textContent(), WAIT)
      .toMatch(/Controls locked: only hosts/);
    expect(await phone.locator('[data-testid="role-badge"]').allTextContents()).toEqual(['Host']);
    await phone.screenshot({ path: shot('roles-phone-people-locked') });
    await phone.getByTestId('sheet-tab-queue').tap();
    await expect.poll(() => phone.getByTestId('queue-locked').count(), WAIT).toBe(1);
    expect(await phone.getByTestId('playlist-input').isDisabled()).toBe(true);
    await phone.screenshot({ path: shot('roles-phone-queue-locked') });
    await phone.getByTestId('sheet-close').tap();

    await phone.getByTestId('vote-skip').tap();
    await expect
      .poll(() => phone.getByTestId('vote-skip').textContent(), WAIT)
      .toBe('Voted to skip (1/2)');
    // Nothing moved: one vote of two people is not more than half.
    expect(await desk.getByTestId('play-toggle').isDisabled()).toBe(false);
  });

  it('the host makes the member a co-host: their controls come back', async () => {
    await desk.getByTestId('member-menu-toggle').click();
    await desk.screenshot({ path: shot('roles-desktop-member-menu') });
    await desk.getByTestId('member-cohost').click();
    await expect
      .poll(() => desk.locator('[data-testid="role-badge"]').allTextContents(), WAIT)
      .toEqual(['Host', 'Co-host']);
    await expect.poll(() => phone.getByTestId('play-toggle').isDisabled(), WAIT).toBe(false);
    expect(await phone.getByTestId('locked-notice').count()).toBe(0);
  });

  it('password: a newcomer is asked for it; kick tells them why', async () => {
    await desk.getByTestId('room-password-summary').click();
    await desk.getByTestId('room-password-input').fill('open sesame');
    await desk.getByTestId('room-password-set').click();
    await expect.poll(() => desk.getByTestId('room-password-clear').count(), WAIT).toBe(1);

    const third = await (await browser.newContext(PHONE)).newPage();
    await third.goto(desk.url());
    await expect.poll(() => third.getByTestId('password-prompt').count(), WAIT).toBe(1);
    await third.screenshot({ path: shot('roles-phone-password-prompt') });
    // A modal dialog: focus starts in its input, and Tab never leaves it for the room behind.
    expect(await third.getByRole('dialog', { name: 'This room has a password' }).count()).toBe(1);
    expect(await third.evaluate(() => document.activeElement?.id)).toBe('join-password');
    const inPrompt = () =>
      third.evaluate(
        () =>
          document
            .querySelector('[data-testid="password-prompt"]')
            ?.contains(document.activeElement) ?? false,
      );
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await third.keyboard.press(key);
      expect(await inPrompt()).toBe(true);
    }
    expect(await third.getByTestId('password-leave').getAttribute('href')).toBe('/');
    await third.getByTestId('join-password-input').fill('wrong');
    await third.getByTestId('join-password-submit').tap();
    await expect
      .poll(() => third.getByTestId('password-prompt').textContent(), WAIT)
      .toMatch(/not right/);
    await third.getByTestId('join-password-input').fill('open sesame');
    await third.getByTestId('join-password-submit').tap();
    await expect.poll(() => desk.getByTestId('people-count').textContent(), WAIT).toBe('3');
    expect(await third.getByTestId('password-prompt').count()).toBe(0);

    await desk.getByTestId('member-menu-toggle').nth(1).click();
    // Only the open menu's actions are on screen.
    await desk
      .locator('[data-testid="member-menu"]:popover-open [data-testid="member-kick"]')
      .click();
    await expect.poll(() => third.getByTestId('removed-banner').count(), WAIT).toBe(1);
    expect(await third.getByTestId('removed-banner').textContent()).toMatch(
      /removed you from this room/,
    );
    await third.screenshot({ path: shot('roles-phone-removed') });
    await expect.poll(() => desk.getByTestId('people-count').textContent(), WAIT).toBe('2');
  });
});
