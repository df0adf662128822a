import type { PlayerStatePayload } from '@wt/protocol';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { DESKTOP, PHONE } from './support/devices.js';
import { watchPlayerStates } from './support/player-states.js';
import { openRoomWith, tiktokLink } from './support/room.js';

/**
 * When our MP4 cannot play (here: TikTok's CDN refuses the server, so `/media` fails),
 * the room falls back to TikTok's own Embed Player and keeps it in sync through its
 * postMessage API: play, pause and seeks only (it has no rate control). TikTok itself is
 * out of reach, so its player page comes from the fake origin (`embed-player.ts`), routed
 * in under its real address: the frame's origin is https://www.tiktok.com, as the app
 * checks.
 */

// The embed reports its time every 250 ms and is only seeked when more than 0.75 s off
// (`EMBED_TUNING`): two embeds may sit up to that far apart, plus a report's age.
const PLAYING_APART_S = 1;
// Paused, an embed further than 0.3 s from the room's frame is seeked to it
// (`EMBED_TUNING.pausedTolerance`), and lands there within a frame or two.
const PAUSED_OFF_S = 0.35;
const EMBED_WAIT = { timeout: 20_000 };

const embedReading = z.object({
  currentTime: z.number(),
  paused: z.boolean(),
  /** The frame's wall clock when it read `currentTime`, ms. */
  at: z.number(),
  commands: z.array(z.object({ type: z.string(), value: z.number().optional(), at: z.number() })),
});
type EmbedReading = z.infer<typeof embedReading>;

/** The page's Embed Player frame (TikTok's address), once it is there. */
function embedFrame(page: Page): Frame | undefined {
  return page.frames().find((frame) => frame.url().startsWith('https://www.tiktok.com/player/'));
}

async function readEmbed(page: Page): Promise<EmbedReading | undefined> {
  const frame = embedFrame(page);
  if (!frame) return undefined;
  const raw: unknown = await frame.evaluate(() => {
    const embed: unknown = Reflect.get(window, '__embed');
    if (typeof embed !== 'object' || embed === null) return undefined;
    const video: unknown = Reflect.get(embed, 'video');
    const commands: unknown = Reflect.get(embed, 'commands');
    if (!(video instanceof HTMLVideoElement)) return undefined;
    return { currentTime: video.currentTime, paused: video.paused, at: Date.now(), commands };
  });
  return raw === undefined ? undefined : embedReading.parse(raw);
}

/** How far apart two readings are in the clip, taken to the same instant (seconds). */
function apart(a: EmbedReading, b: EmbedReading): number {
  const aAtB = a.currentTime + (a.paused ? 0 : (b.at - a.at) / 1000);
  return Math.abs(aAtB - b.currentTime);
}

async function readBoth(pages: readonly Page[]): Promise<EmbedReading[]> {
  const readings = await Promise.all(pages.map(readEmbed));
  return readings.filter((reading) => reading !== undefined);
}

/** Serves TikTok's player pages in `context` from the fake origin. */
async function routeEmbedToFake(context: BrowserContext, fake: FakeTikTok): Promise<void> {
  await context.route('https://www.tiktok.com/player/**', async (route) => {
    const { pathname, search } = new URL(route.request().url());
    const response = await route.fetch({ url: `${fake.origin}${pathname}${search}` });
    await route.fulfill({ response });
  });
}

describe('the TikTok embed fallback, in sync', () => {
  let fake: FakeTikTok;
  let app: AppProcess;
  let browser: Browser;
  let phone: Page;
  let desktop: Page;
  let desktopStates: PlayerStatePayload[] = [];
  let clip = '';

  beforeAll(async () => {
    const clips = await makeClips([30]);
    clip = [...clips.keys()][0] ?? '';
    fake = await startFakeTikTok({ clips, cdnForbidAll: true });
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    const phoneContext = await browser.newContext(PHONE);
    const desktopContext = await browser.newContext(DESKTOP);
    for (const context of [phoneContext, desktopContext]) await routeEmbedToFake(context, fake);
    phone = await phoneContext.newPage();
    desktop = await desktopContext.newPage();
    desktopStates = watchPlayerStates(desktop);
  });

  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('a clip our server cannot fetch plays in TikTok’s player on both screens', async () => {
    await openRoomWith(desktop, app.url, [tiktokLink(clip)]);
    await phone.goto(desktop.url());
    await expect.poll(() => phone.getByTestId('people-count').textContent()).toBe('2');
    for (const page of [phone, desktop]) {
      await expect.poll(() => page.getByTestId('embed-frame').count(), EMBED_WAIT).toBe(1);
      // Ready: the embed said so and the app took its loading notice away.
      await expect.poll(() => page.locator('.player-embed-loading').count(), EMBED_WAIT).toBe(0);
      const reading = await readEmbed(page);
      expect(reading?.paused).toBe(true);
      // The room decides the sound: the app told the player as soon as it was ready.
      expect(reading?.commands.map((command) => command.type)).toContain('unMute');
    }
    await desktop.screenshot({ path: shot('embed-desktop-ready') });
  });

  it('play on one screen starts both players, together', async () => {
    await desktop.getByTestId('play-toggle').click();
    for (const page of [phone, desktop]) {
      await expect.poll(async () => (await readEmbed(page))?.paused, EMBED_WAIT).toBe(false);
    }
    // A second in, both are where the room is, and each other.
    await desktop.waitForTimeout(1_000);
    const [onPhone, onDesktop] = await readBoth([phone, desktop]);
    expect(onPhone && onDesktop && apart(onPhone, onDesktop)).toBeLessThan(PLAYING_APART_S);
    expect(onDesktop?.currentTime).toBeGreaterThan(0.5);
    await phone.screenshot({ path: shot('embed-phone-playing') });
  });

  it('a player that jumps away is seeked back to the room’s position', async () => {
    const frame = embedFrame(phone);
    expect(frame).toBeDefined();
    const before = (await readEmbed(phone))?.commands.length ?? 0;
    // As a stall or a tap on TikTok's own controls would: 4 s ahead of the room.
    // Where it jumped to and when (the frame's clock, as the commands'), read in the same
    // breath: the seek back may come before another read.
    const [drifted, driftedAt] = z
      .tuple([z.number(), z.number()])
      .parse(
        await frame?.evaluate(
          'window.__embed.drift(4), [window.__embed.video.currentTime, Date.now()]',
        ),
      );
    await expect
      .poll(
        async () => {
          const [onPhone, onDesktop] = await readBoth([phone, desktop]);
          return onPhone && onDesktop ? apart(onPhone, onDesktop) : Number.POSITIVE_INFINITY;
        },
        { timeout: 6_000, interval: 200 },
      )
      .toBeLessThan(PLAYING_APART_S);
    const seeks = ((await readEmbed(phone))?.commands ?? [])
      .slice(before)
      .filter((command) => command.type === 'seekTo');
    // One seek did it (the next waits out a cool-down), back by the jump from where the
    // drifted player had run to by then (it notices after a few of the embed's time reports,
    // sooner or later with the machine's load), to where the other screen was at that moment.
    expect(seeks).toHaveLength(1);
    const [seek] = seeks;
    const desktopNow = await readEmbed(desktop);
    const phoneAtSeek = drifted + ((seek?.at ?? driftedAt) - driftedAt) / 1000;
    expect(seek?.value).toBeLessThan(phoneAtSeek - 3);
    const desktopThen =
      (desktopNow?.currentTime ?? 0) - ((desktopNow?.at ?? 0) - (seek?.at ?? 0)) / 1000;
    expect(Math.abs((seek?.value ?? 0) - desktopThen)).toBeLessThan(PLAYING_APART_S);
  });

  it('pause on the other screen stops both players on the room’s frame', async () => {
    await phone.getByTestId('play-toggle').click();
    for (const page of [phone, desktop]) {
      await expect.poll(async () => (await readEmbed(page))?.paused, EMBED_WAIT).toBe(true);
    }
    await expect.poll(() => desktopStates.at(-1)?.playing).toBe(false);
    const roomFrame = desktopStates.at(-1)?.time ?? Number.NaN;
    // Each player where it stopped, or seeked to the room's frame when that was too far.
    for (const page of [phone, desktop]) {
      await expect
        .poll(
          async () => Math.abs(((await readEmbed(page))?.currentTime ?? Infinity) - roomFrame),
          { timeout: 6_000, interval: 200 },
        )
        .toBeLessThan(PAUSED_OFF_S);
    }
    await desktop.screenshot({ path: shot('embed-desktop-paused') });
  });
});
