import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../packages/server/src/resolver/browser/pool.js';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import { startApp } from '../../tests/e2e/support/app-process.js';
import type { GroupResult } from '../doc.js';
import { snapshotApp } from '../sync/app-snapshot.js';
import { Controller, realNow } from '../sync/controller.js';
import { load } from '../sync/environment.js';
import { gzipSizer } from './gzip-size.js';
import { openAsNewcomer, type NewcomerRun } from './newcomer.js';
import { uiSections, type DeviceRuns } from './report.js';

export interface UiOptions {
  chromiumPath: string;
  /** Newcomers per device. */
  rounds: number;
}

/** The clip the room plays: long enough that every newcomer arrives mid-clip. */
const CLIP_SECONDS = 90;
/** A newcomer arrives at least this far into the clip, and restarts it past `RESTART_AFTER_S`. */
const ARRIVE_AFTER_S = 2;
const RESTART_AFTER_S = 60;

export const DEVICES = [
  {
    name: 'phone 390x844',
    options: {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    },
  },
  { name: 'desktop 1440x900', options: { viewport: { width: 1440, height: 900 } } },
] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches the clip through the server once, as the first viewer's player would. */
async function warmMedia(base: string, mp4Url: string | undefined): Promise<void> {
  if (mp4Url === undefined) throw new Error('the clip has no media URL');
  const response = await fetch(new URL(mp4Url, base));
  if (!response.ok) throw new Error(`${mp4Url}: HTTP ${String(response.status)}`);
  await response.arrayBuffer();
}

/** Keeps the room playing mid-clip: restarts the clip when too little of it is left. */
async function playingMidClip(controller: Controller): Promise<void> {
  const zero = controller.clipZero();
  const elapsed = zero === undefined ? Number.POSITIVE_INFINITY : (realNow() - zero) / 1000;
  if (elapsed > RESTART_AFTER_S) {
    await controller.playIndex(0);
    await controller.until(() => controller.clipZero() !== undefined, 10_000, 'the clip to play');
  }
  const started = controller.clipZero() ?? realNow();
  await sleep(Math.max(0, started + ARRIVE_AFTER_S * 1000 - realNow()));
}

/**
 * "A newcomer opens a room that is playing": the built app (a private copy) on loopback,
 * a room playing a 90 s clip from the fake TikTok origin, and newcomers opening its link
 * in fresh Chromium contexts on a phone and a desktop viewport.
 */
export async function uiBenchmark(options: UiOptions): Promise<GroupResult> {
  const app = await snapshotApp();
  const clips = await makeClips([CLIP_SECONDS]);
  const fake = await startFakeTikTok({ clips });
  const server = await startApp({ TIKTOK_ORIGIN: fake.origin, CHROMIUM_PATH: 'none' }, app.entry);
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  const loads: string[] = [];
  const results: DeviceRuns[] = [];
  try {
    const roomId = `bench-ui-${Date.now().toString(36)}`;
    const controller = await Controller.join(server.url, roomId);
    try {
      const [id] = [...clips.keys()];
      await controller.fill([`https://www.tiktok.com/@bench/video/${id ?? ''}`]);
      // Others in a playing room are watching it: the server already has the clip's bytes.
      await warmMedia(server.url, controller.queue[0]?.mp4Url);
      await controller.playIndex(0);
      await controller.until(() => controller.clipZero() !== undefined, 10_000, 'the clip to play');
      for (const device of DEVICES) {
        const runs: NewcomerRun[] = [];
        for (let round = 1; round <= options.rounds; round++) {
          await playingMidClip(controller);
          loads.push(load());
          console.log(`  ui: newcomer ${round} on a ${device.name}…`);
          runs.push(await openAsNewcomer(browser, `${server.url}/room/${roomId}`, device.options));
        }
        results.push({ device: device.name, runs });
      }
    } finally {
      controller.close();
    }
    const sections = await uiSections(results, gzipSizer());
    return {
      name: 'ui',
      title: 'A newcomer opens a playing room',
      intro: [
        `The built app (\`packages/server/dist/main.js\`, build ${app.stamp}, copied at the start) on loopback; a room playing a ${CLIP_SECONDS} s clip from the fake TikTok origin, its bytes already in the server's media cache as when others watch it (the bench restarts it when less than ${CLIP_SECONDS - RESTART_AFTER_S} s are left). Each newcomer opens the room's link in a fresh Chromium context (empty cache, autoplay allowed as after a tap), ${options.rounds} per viewport; cells are "median (run 1 / run 2 / …)".`,
        `Figures from the page's own performance API: largest contentful paint, layout shifts (every shift without input, summed over the whole visit, which is never less than Chromium's CLS), the first video frame presented on screen and the first one while the clip moves (\`requestVideoFrameCallback\` on the visible \`<video>\`), all from the start of navigation. JavaScript: the same-origin scripts the page requested, each fetched again with \`Accept-Encoding: gzip\` and counted as sent; "first paint" is those requested before the first contentful paint.`,
        `Load average at each newcomer's start: ${loads.join(', ')}.`,
      ],
      sections,
    };
  } finally {
    await browser.close();
    await server.stop();
    await fake.close();
    await app.remove();
  }
}
