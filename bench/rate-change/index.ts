import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';
import { CHROMIUM_ARGS } from '../../packages/server/src/resolver/browser/pool.js';
import { makeClip } from '../../packages/server/test/fake-tiktok/clips.js';
import { closeServer, serveClipPage } from '../clip-server.js';
import type { GroupResult } from '../doc.js';
import type { Section } from '../scenarios/types.js';
import { ratePage, type SlotPlan } from './page.js';
import { pulseP, pulses, tallySlots, type KindTally, type RateTally } from './tally.js';

export interface RateChangeOptions {
  chromiumPath: string;
  /** Slots per page and pulse form (each a pulse or a sham, drawn at random). */
  slots: number;
}

const CLIP_PATH = '/clip.mp4';
/** Pages playing at once, each in its own context: the sync benchmark's four viewers. */
const PAGES = 4;
/** After a slot's pulse, its frames are watched this long (ms): the sync benchmark's window. */
const WATCH_MS = 1_000;
/** Between one slot's window and the next slot (ms). */
const GAP_MS = 250;
const VIEWPORT = { width: 900, height: 760 };

interface PulseForm {
  label: string;
  plan: Pick<SlotPlan, 'pulseMs' | 'size' | 'pitch' | 'muted'>;
}

/** The app's steady pulse first, then other shapes of the same kind of correction. */
const FORMS: readonly PulseForm[] = [
  {
    label: "the app's steady pulse: ±2% for 250 ms (5 ms), pitch correction off meanwhile",
    plan: { pulseMs: 250, size: 0.02, pitch: 'off-while-nudging', muted: false },
  },
  {
    label: 'short and strong: ±16% for 50 ms (8 ms)',
    plan: { pulseMs: 50, size: 0.16, pitch: 'off-while-nudging', muted: false },
  },
  {
    label: 'long and gentle: ±0.5% for 1 s (5 ms)',
    plan: { pulseMs: 1_000, size: 0.005, pitch: 'off-while-nudging', muted: false },
  },
  {
    label: 'pitch correction kept on: ±2% for 250 ms',
    plan: { pulseMs: 250, size: 0.02, pitch: 'kept-on', muted: false },
  },
  {
    label: "muted, the app's pulse",
    plan: { pulseMs: 250, size: 0.02, pitch: 'off-while-nudging', muted: true },
  },
];

const pageResult = z.object({
  samples: z.array(z.tuple([z.number(), z.number()])),
  slots: z.array(z.object({ at: z.number(), kind: z.enum(['up', 'down', 'sham']) })),
  paused: z.boolean(),
});

/** One pulse form on `PAGES` pages at once: every page's slots, tallied together. */
async function measureForm(
  browser: Browser,
  url: string,
  form: PulseForm,
  slots: number,
  seed: number,
): Promise<RateTally> {
  const windowMs = form.plan.pulseMs + WATCH_MS;
  const contexts = await Promise.all(
    Array.from({ length: PAGES }, () => browser.newContext({ viewport: VIEWPORT })),
  );
  try {
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    await Promise.all(pages.map((page) => page.goto(url)));
    const results = await Promise.all(
      pages.map(async (page, i) => {
        const plan: SlotPlan = {
          ...form.plan,
          seed: seed + i * 7_919,
          slots,
          slotMs: windowMs + GAP_MS,
        };
        const raw: unknown = await page.evaluate(`window.runSlots(${JSON.stringify(plan)})`);
        return pageResult.parse(raw);
      }),
    );
    let tally: RateTally | undefined;
    for (const result of results) {
      if (result.paused) throw new Error('a page stopped playing: the clip is too short');
      tally = tallySlots(result.samples, result.slots, windowMs, tally);
    }
    if (!tally) throw new Error('no page ran');
    return tally;
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

/** Below this p, a form's pulses drop more frames than its shams. */
const SIGNIFICANT = 0.05;
const formatP = (p: number | undefined): string =>
  p === undefined ? 'n/a' : p < 0.001 ? p.toExponential(0) : p.toFixed(3);
const share = (kind: KindTally): string =>
  kind.slots === 0 ? 'n/a' : `${((100 * kind.withDrop) / kind.slots).toFixed(0)}%`;
const cell = (kind: KindTally): string =>
  `${kind.withDrop} of ${kind.slots} (${share(kind)}), ${kind.dropped} frame(s)`;

/**
 * Does a change of `playbackRate` drop frames in this Chromium, whatever its size, length
 * or pitch mode? Pages play a clip with sound; every slot each makes a pulse or, at random,
 * nothing (a sham, the baseline measured beside it): frames dropped after each.
 */
export async function rateChangeBenchmark(options: RateChangeOptions): Promise<GroupResult> {
  const longest = Math.max(...FORMS.map((form) => form.plan.pulseMs));
  const seconds = Math.ceil((options.slots * (longest + WATCH_MS + GAP_MS)) / 1000) + 10;
  const clip = await makeClip(seconds);
  const server = await serveClipPage(ratePage(CLIP_PATH), CLIP_PATH, clip.video);
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const { port } = z.object({ port: z.number() }).parse(server.address());
    const url = `http://127.0.0.1:${port}/`;
    const rows: Array<[string, ...string[]]> = [];
    const measured: Array<{ form: PulseForm; tally: RateTally }> = [];
    for (const [i, form] of FORMS.entries()) {
      const tally = await measureForm(browser, url, form, options.slots, 1_234 + i);
      measured.push({ form, tally });
      const p = pulseP(tally);
      rows.push([
        form.label,
        cell(pulses(tally)),
        `${cell(tally.up)} / ${cell(tally.down)}`,
        cell(tally.sham),
        formatP(p),
      ]);
    }
    const app = measured[0];
    if (!app) throw new Error('no pulse form measured');
    const appPulses = pulses(app.tally);
    const appP = pulseP(app.tally);
    const worse = measured.filter(({ tally }) => (pulseP(tally) ?? 1) < SIGNIFICANT);
    const section: Section = {
      title: 'Frames dropped after a change of playbackRate, against shams beside it',
      header: [
        'pulse form',
        'pulses followed by a drop',
        'speed-ups / slow-downs',
        'shams followed by a drop (baseline)',
        'pulses worse than shams: one-sided p',
      ],
      rows,
      verdict:
        `The app's pulse was followed by a dropped frame after ${share(appPulses)} of ${appPulses.slots} pulses, ` +
        `a sham beside it after ${share(app.tally.sham)} of ${app.tally.sham.slots} (p = ${formatP(appP)}); ` +
        `${worse.length} of ${measured.length} pulse forms drop more than their shams (p < ${SIGNIFICANT})`,
      pass: undefined,
      note:
        `${PAGES} pages (${VIEWPORT.width}x${VIEWPORT.height}, each its own context) play one clip with sound at once, ` +
        `as the sync benchmark's viewers do. Every slot each page makes a pulse (up or down at random) or a sham ` +
        `(nothing), drawn at random; a slot's window is its pulse and the ${WATCH_MS} ms after, and the frames ` +
        'counted are `getVideoPlaybackQuality().droppedVideoFrames` sampled every 25 ms. Shams share the pages, ' +
        'the moments and the load with the pulses, so what the machine drops anyway falls on both. p: the ' +
        'exact test of two Poisson rates (as the sync benchmark uses), each window its slot.',
    };
    return {
      name: 'rate-change',
      title: 'What a change of playbackRate costs (dropped frames)',
      intro: [
        `${FORMS.length} pulse forms, ${options.slots} slots per page each, ${PAGES} pages at once; a ${seconds} s clip (360x640, 30 fps, AAC) made with ffmpeg.`,
      ],
      sections: [section],
    };
  } finally {
    await browser.close();
    await closeServer(server);
  }
}
