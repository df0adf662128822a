import type { PlayerStatePayload } from '@wt/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp, type AppProcess } from './support/app-process.js';
import { launchBrowser, shot } from './support/browser.js';
import { delaySocket, type DelayedSocket } from './support/delayed-socket.js';
import { DESKTOP, PHONE } from './support/devices.js';
import {
  goInstant,
  installSampler,
  installSamplerOnLoad,
  originLines,
  readSamples,
  runOrigin,
  switchInstant,
  worstGap,
  type Sample,
} from './support/media-sampler.js';
import { watchPlayerStates } from './support/player-states.js';
import { openRoomWith, tiktokLink } from './support/room.js';

/**
 * Sync through every transition, measured in the pages themselves: two people (a phone
 * and a desktop) in one room; the room moves to its second clip by itself and both
 * switch on the announced instant; a dropped connection comes back on the live position;
 * a pause shows the same frame everywhere.
 */

// How far apart the two pages' first frame of the next clip may be, and how far either
// may be from the announced start. Measured over repeated runs on a 2-core machine with
// other suites running: spread 0.2-5 ms, lateness within 5 ms (packages/web/README.md).
const SWITCH_SPREAD_MS = 50;
const SWITCH_LATENESS_MS = 50;
// How far apart the two pages may be at any sample over the next clip's first second, and
// in the 200 ms after it (a CI run on a loaded machine: 17 ms, then 2.2 ms). Bounds that a
// page drifting off by a tenth of a second fails, and a busy machine's hiccup does not.
const FIRST_SECOND_GAP_MS = 100;
const SETTLED_GAP_MS = 50;
// Past this (ms), a switch is printed bucket by bucket: usually both are within 3 ms.
const UNUSUAL_GAP_MS = 10;

// A late joiner behind a 150 ms round trip: the page carries the room, so its clip's media
// request goes out and the clip starts loading before the join is acknowledged (a lost
// round trip in the join shows as the reverse), and it gets in step with the room (within
// IN_STEP_MS) and stays there. How soon is a speed target: it lives in the sync benchmark
// (`npm run bench -- sync`, "late joiner", target 1.5 s behind a 150 ms round trip); here
// the figures are printed, not bounded, because the other suites share the 2 cores (in step
// 1.85-2.06 s after opening the link idle with this test's delayed routes; a CI run on a
// loaded machine took 3.4 s only to start loading the clip).
// How long the late joiner must stay in step, and how long it may take to get there (the
// clip has about 7 s left when it opens the link).
const STAYS_IN_STEP_MS = 500;
const IN_STEP_WITHIN_MS = 6_000;
const IN_STEP_MS = 100;

describe('sync through every transition', () => {
  let fake: FakeTikTok;
  let app: AppProcess;
  let browser: Browser;
  let phone: Page;
  /** The phone is 150 ms of round trip away from the server; the desktop is local. */
  let phoneLink: DelayedSocket;
  let desktop: Page;
  let first: string;
  let second: string;
  let desktopStates: PlayerStatePayload[] = [];

  beforeAll(async () => {
    const clips = await makeClips([6, 8]);
    [first = '', second = ''] = [...clips.keys()];
    fake = await startFakeTikTok({ clips });
    app = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' });
    browser = await launchBrowser();
    phone = await (await browser.newContext(PHONE)).newPage();
    phoneLink = await delaySocket(phone, 75);
    desktop = await (await browser.newContext(DESKTOP)).newPage();
    desktopStates = watchPlayerStates(desktop);
  });

  afterAll(async () => {
    await browser.close();
    await app.stop();
    await fake.close();
  });

  it('two people, two clips queued', async () => {
    await openRoomWith(desktop, app.url, [tiktokLink(first), tiktokLink(second)]);
    await phone.goto(desktop.url());
    await expect.poll(() => phone.getByTestId('people-count').textContent()).toBe('2');
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('video-element').getAttribute('src'), { timeout: 20_000 })
        .toBe(`/media/${first}.mp4`);
      await installSampler(page);
      // The hidden element is drawn, under the one on screen: Chromium counts the frames
      // of a video it does not draw (opacity 0) as dropped, and the next clip runs hidden
      // for its start latency before the switch shows it.
      const standby = await page.getByTestId('video-standby').evaluate((element) => {
        const style = getComputedStyle(element);
        return { opacity: Number(style.opacity), zIndex: style.zIndex, display: style.display };
      });
      expect(standby.opacity).toBeGreaterThan(0);
      expect(standby.opacity).toBeLessThanOrEqual(0.01);
      expect(standby).toMatchObject({ zIndex: '-1', display: 'block' });
    }
    await desktop.screenshot({ path: shot('transitions-desktop-queued') });
    await phone.screenshot({ path: shot('transitions-phone-queued') });
  });

  it('the room moves on to the next clip by itself, both pages on the same frame', async () => {
    await desktop.getByTestId('play-toggle').click();
    // The first clip runs 6 s; the second starts at the announced instant.
    await expect
      .poll(() => shownSrc(phone), { timeout: 15_000, interval: 100 })
      .toBe(`/media/${second}.mp4`);
    await phone.waitForTimeout(1_200);
    const announced = announcedStart(desktopStates);
    expect(announced, 'the server announced the next clip').toBeDefined();
    const [phoneSamples, desktopSamples] = await Promise.all([phone, desktop].map(readSamples));
    const instants = [phoneSamples, desktopSamples].map((samples) =>
      switchInstant(samples ?? [], second),
    );
    const [onPhone, onDesktop] = instants;
    expect(onPhone).toBeDefined();
    expect(onDesktop).toBeDefined();
    const spread = Math.abs((onPhone ?? 0) - (onDesktop ?? 0));
    const lateness = instants.map((at) => (at ?? 0) - (announced ?? 0));
    const start = announced ?? 0;
    const gap = worstGap(phoneSamples ?? [], desktopSamples ?? [], second, start, start + 1_000);
    const settled = worstGap(
      phoneSamples ?? [],
      desktopSamples ?? [],
      second,
      start + 1_000,
      start + 1_200,
    );
    console.log(
      `switch: spread ${spread.toFixed(1)} ms; phone ${lateness[0]?.toFixed(1)} ms, desktop ${lateness[1]?.toFixed(1)} ms after next.startsAt; ` +
        `worst pair gap in its first second ${gap.toFixed(1)} ms, after it ${settled.toFixed(1)} ms`,
    );
    if (gap > UNUSUAL_GAP_MS || lateness.some((late) => Math.abs(late) > UNUSUAL_GAP_MS)) {
      // Within bounds or not, an unusual switch is shown as it went (origins vs the instant).
      const pages = { phone: phoneSamples ?? [], desktop: desktopSamples ?? [] };
      const lines = originLines(pages, second, start, start - 100, start + 1_200, 50);
      console.log(
        `unusual switch, each page's origin (ms after next.startsAt):\n${lines.join('\n')}`,
      );
      const announcedTimes = desktopStates.flatMap((state) => state.next?.startsAt ?? []);
      console.log(`next.startsAt as the desktop heard it: ${announcedTimes.join(', ')}`);
    }
    // The phone moved on by itself: before the server's word about it could reach it.
    const nextItem = desktopStates.findLast((state) => state.next !== undefined)?.next?.itemId;
    const confirmed = phoneLink.states.find((entry) => entry.state.itemId === nextItem);
    const firstFrame = phoneSamples?.find((sample) => sample.src === `/media/${second}.mp4`);
    expect(confirmed).toBeDefined();
    expect(firstFrame?.at ?? Infinity).toBeLessThan(confirmed?.at ?? 0);
    expect(spread).toBeLessThan(SWITCH_SPREAD_MS);
    for (const late of lateness) expect(Math.abs(late)).toBeLessThan(SWITCH_LATENESS_MS);
    expect(gap).toBeLessThan(FIRST_SECOND_GAP_MS);
    expect(settled).toBeLessThan(SETTLED_GAP_MS);
    for (const page of [phone, desktop]) {
      await expect.poll(() => page.getByTestId('player-status').textContent()).toMatch(/Playing/);
      // Nothing animates for as long as a clip plays: an endless animation costs the page
      // work on every frame, taken from the video (a brief one, like a buffering dot, ends).
      await expect.poll(() => endlessAnimations(page), { timeout: 3_000 }).toEqual([]);
      expect(await page.getByTestId('player-status').textContent()).toMatch(/Playing/);
    }
    // Both pages keep what their starts and switches taught them, for their next visit.
    for (const page of [phone, desktop]) {
      const learnt = await page.evaluate(() => {
        const stored: unknown = JSON.parse(localStorage.getItem('wt.startLatency') ?? '{}');
        return stored !== null && typeof stored === 'object'
          ? Object.entries(stored).map(([kind, ms]) => `${kind}: ${typeof ms}`)
          : [];
      });
      expect(learnt).toEqual(['start: number', 'switch: number']);
    }
    await phone.screenshot({ path: shot('transitions-phone-second-clip') });
    await desktop.screenshot({ path: shot('transitions-desktop-second-clip') });
  });

  it('a dropped connection comes back on the live position', async () => {
    phoneLink.drop();
    await expect
      .poll(() => phone.getByTestId('connection-banner').count(), { timeout: 30_000 })
      .toBe(1);
    // Meanwhile the room jumps elsewhere: the phone only hears of it once it is back.
    await desktop.getByTestId('seek-bar').fill('1');
    await phone.screenshot({ path: shot('transitions-phone-reconnecting') });
    phoneLink.restore();
    await expect
      .poll(() => phone.getByTestId('connection-banner').count(), { timeout: 30_000 })
      .toBe(0);
    await expect
      .poll(async () => Math.abs(await originGap(phone, desktop)), { timeout: 5_000 })
      .toBeLessThan(0.02);
  });

  it('a pause shows the same frame on both pages', async () => {
    await phone.getByTestId('play-toggle').click();
    for (const page of [phone, desktop]) {
      await expect.poll(() => page.getByTestId('player-status').textContent()).toMatch(/Paused/);
    }
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([shownTime(phone), shownTime(desktop)]);
        return Math.abs(a - b);
      })
      .toBeLessThan(0.001);
    await phone.screenshot({ path: shot('transitions-phone-paused') });
    await desktop.screenshot({ path: shot('transitions-desktop-paused') });
  });

  it('a countdown says Go! on the frame the clip starts, on both pages', async () => {
    const asked = Date.now();
    await desktop.getByTestId('countdown-button').click();
    await expect.poll(() => phone.getByTestId('countdown-overlay').count()).toBe(1);
    await phone.screenshot({ path: shot('transitions-phone-countdown') });
    await desktop.screenshot({ path: shot('transitions-desktop-countdown') });
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('player-status').textContent(), { timeout: 8_000 })
        .toMatch(/Playing/);
    }
    await desktop.waitForTimeout(1_200);
    const scheduled = desktopStates.findLast((state) => state.updatedAt > state.serverTime);
    expect(scheduled).toBeDefined();
    const startsAt = scheduled?.updatedAt ?? 0;
    for (const page of [phone, desktop]) {
      const samples = await readSamples(page);
      const started = switchInstant(samples, second, scheduled?.time ?? 0, asked);
      const go = goInstant(samples, asked);
      console.log(
        `countdown: first frame ${((started ?? 0) - startsAt).toFixed(1)} ms, Go! ${((go ?? 0) - startsAt).toFixed(1)} ms after the scheduled start`,
      );
      expect(Math.abs((started ?? 0) - startsAt)).toBeLessThan(SWITCH_LATENESS_MS);
      expect(Math.abs((go ?? 0) - startsAt)).toBeLessThan(SWITCH_LATENESS_MS);
    }
  });

  it('at the end of the queue both pages stop on the last frame, with Replay', async () => {
    for (const page of [phone, desktop]) {
      await expect
        .poll(() => page.getByTestId('ended-overlay').count(), { timeout: 15_000 })
        .toBe(1);
    }
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([shownTime(phone), shownTime(desktop)]);
        return Math.abs(a - b);
      })
      .toBeLessThan(0.002);
    expect(await shownTime(phone)).toBeGreaterThan(7.9);
    await phone.screenshot({ path: shot('transitions-phone-ended') });
    await desktop.screenshot({ path: shot('transitions-desktop-ended') });
  });

  it('a late joiner behind a 150 ms round trip is soon in step with the room', async () => {
    await desktop.getByTestId('replay').click();
    // A precondition, not what is measured here: Replay is a scheduled start (a lead of
    // twice the slowest member's delay, and the ready reports), about a second on a busy
    // machine; poll's default of 1 s would be at the edge of it.
    await expect
      .poll(() => desktop.getByTestId('player-status').textContent(), { timeout: 5_000 })
      .toMatch(/Playing/);
    await desktop.waitForTimeout(500);
    const context = await browser.newContext(PHONE);
    const late = await context.newPage();
    await installSamplerOnLoad(late);
    await late.addInitScript(recordFirstPlayAndPanels);
    await late.addInitScript(keepEarlyMedia);
    await late.route('**/*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await route.continue();
    });
    const lateLink = await delaySocket(late, 75);
    // The clip's first media request: the page's snapshot lets it go out before the join.
    let mediaRequestedAt: number | undefined;
    late.on('request', (request) => {
      if (request.url().includes('/media/')) mediaRequestedAt ??= Date.now();
    });
    const opened = Date.now();
    await late.goto(desktop.url());
    const reference = runOrigin(await readSamples(desktop)) ?? 0;
    let samples = await readSamples(late);
    await expect
      .poll(
        async () => {
          samples = await readSamples(late);
          const since = inStepSince(samples, second, reference);
          const last = samples.at(-1)?.at ?? 0;
          return since !== undefined && last - since >= STAYS_IN_STEP_MS;
        },
        { timeout: IN_STEP_WITHIN_MS, interval: 250 },
      )
      .toBe(true);
    // It can be in step before its join is acknowledged (the page carries the room).
    await expect.poll(() => lateLink.joinedAt, { timeout: 5_000 }).toBeDefined();
    const inStepAt = inStepSince(samples, second, reference) ?? Infinity;
    const loading = samples.find((sample) => sample.src !== null)?.at ?? Infinity;
    const running = samples.find((sample) => !sample.paused)?.at ?? Infinity;
    const socketAt = lateLink.openedAt ?? Infinity;
    const since = (at: number) => `${(at - opened).toFixed(0)} ms`;
    const joinedAt = lateLink.joinedAt ?? Infinity;
    const requestedAt = mediaRequestedAt ?? Infinity;
    console.log(
      `late joiner: media requested ${since(requestedAt)}, socket open ${since(socketAt)}, ` +
        `joined ${since(joinedAt)}, clip loading ${since(loading)}, ` +
        `playing ${since(running)}, in step ${since(inStepAt)} after opening the link`,
    );
    await late.screenshot({ path: shot('transitions-late-joiner') });
    expect(requestedAt).toBeLessThan(joinedAt);
    expect(loading).toBeLessThan(joinedAt);
    // The clip on screen is the one the page's HTML began loading, before the app's script.
    const adopted = await late.evaluate(
      () =>
        Reflect.get(window, '__earlyMedia') ===
        document.querySelector('[data-testid="video-element"]'),
    );
    expect(adopted).toBe(true);

    // Its clock came from its own responses too (Server-Timing), before its socket's pings.
    const stamped = await late.evaluate(
      () =>
        performance
          .getEntriesByType('resource')
          .filter(
            (entry) =>
              entry instanceof PerformanceResourceTiming &&
              entry.serverTiming.some((metric) => metric.name === 'clock'),
          ).length,
    );
    expect(stamped).toBeGreaterThan(0);
    // The queue and the chat render once its clip plays and has landed (its first
    // corrections done, which a busy page paces slower), not in its way before; at the
    // latest `PANELS_WAIT_MS` (2.5 s) after the page's start.
    const firstPanels = () =>
      late.evaluate(() => Reflect.get(window, '__firstPanels') !== undefined);
    await expect.poll(firstPanels, { timeout: 5_000 }).toBe(true);
    const order = await late.evaluate(() => ({
      played: Number(Reflect.get(window, '__firstPlaying')),
      panels: Number(Reflect.get(window, '__firstPanels')),
    }));
    expect(order.panels).toBeGreaterThanOrEqual(order.played);
    await expect.poll(() => late.getByTestId('playlist-item').count(), { timeout: 5_000 }).toBe(2);
  });
});

/**
 * In the page, before its code: notes (on `window`, ms after the page's origin) when a
 * video first played and when the queue's input first existed.
 */
function recordFirstPlayAndPanels(): void {
  const note = (name: string) => {
    if (Reflect.get(window, name) === undefined) Reflect.set(window, name, performance.now());
  };
  document.addEventListener(
    'playing',
    () => {
      note('__firstPlaying');
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="playlist-input"]')) {
      note('__firstPanels');
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page, before its code: keeps (on `window`) the early `<video>` its HTML carries. */
function keepEarlyMedia(): void {
  const observer = new MutationObserver(() => {
    const early = document.getElementById('wt-early-media');
    if (!early) return;
    Reflect.set(window, '__earlyMedia', early);
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** From when on every sample shows clip `id` running within `IN_STEP_MS` of `origin`. */
function inStepSince(samples: readonly Sample[], id: string, origin: number): number | undefined {
  let since: number | undefined;
  for (const sample of samples) {
    const inStep =
      sample.src === `/media/${id}.mp4` &&
      !sample.paused &&
      Math.abs(sample.at - sample.time * 1000 - origin) < IN_STEP_MS;
    if (!inStep) since = undefined;
    else since ??= sample.at;
  }
  return since;
}

/** The page's running animations that never end, by name (CSS) or kind. */
function endlessAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter(
        (animation) =>
          animation.playState === 'running' &&
          animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      )
      .map((animation) =>
        animation instanceof CSSAnimation ? animation.animationName : animation.constructor.name,
      ),
  );
}

function shownSrc(page: Page): Promise<string | null> {
  return page.getByTestId('video-element').getAttribute('src');
}

function shownTime(page: Page): Promise<number> {
  return page
    .getByTestId('video-element')
    .evaluate((video) => (video instanceof HTMLVideoElement ? video.currentTime : -1));
}

/** The start of the clip after the first, as the server announced it. */
function announcedStart(states: readonly PlayerStatePayload[]): number | undefined {
  return states.findLast((state) => state.next !== undefined)?.next?.startsAt;
}

/**
 * How far apart the two pages run, in seconds: the wall-clock moment each page's clip
 * passed position 0, from several samples.
 */
async function originGap(a: Page, b: Page): Promise<number> {
  const [x, y] = await Promise.all([a, b].map(async (page) => runOrigin(await readSamples(page))));
  return x === undefined || y === undefined ? Number.NaN : (x - y) / 1000;
}
