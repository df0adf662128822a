import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../packages/server/src/resolver/browser/pool.js';
import { makeClips } from '../../packages/server/test/fake-tiktok/clips.js';
import { startFakeTikTok, type FakeTikTok } from '../../packages/server/test/fake-tiktok/server.js';
import type { ClipRef } from './timeline.js';
import type { ViewerSpec } from './viewer.js';

/** The queue: three 5 s clips, then one of 40 s. */
export const CLIP_SECONDS = [5, 5, 5, 40] as const;

/** Three people on paths of 20, 75 and 150 ms with clocks off by seconds; a late fourth. */
export const VIEWERS: readonly ViewerSpec[] = [
  { name: 'A', rttMs: 20, skewMs: -3_200 },
  { name: 'B', rttMs: 75, skewMs: 1_700 },
  { name: 'C', rttMs: 150, skewMs: 4_100 },
];
export const LATE_VIEWER: ViewerSpec = { name: 'D', rttMs: 150, skewMs: -2_500 };

export interface SyncSetup {
  browser: Browser;
  fake: FakeTikTok;
  clips: ClipRef[];
  close(): Promise<void>;
}

/** The clips (made with ffmpeg), the fake TikTok serving them, and one Chromium. */
export async function setUp(chromiumPath: string): Promise<SyncSetup> {
  const made = await makeClips(CLIP_SECONDS);
  const clips = [...made].map(([id, clip]) => ({
    id,
    url: `https://www.tiktok.com/@bench/video/${id}`,
    seconds: clip.seconds,
  }));
  const fake = await startFakeTikTok({ clips: made });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  return {
    browser,
    fake,
    clips,
    async close() {
      await browser.close();
      await fake.close();
    },
  };
}
