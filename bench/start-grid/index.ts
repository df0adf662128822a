import { chromium, type Page } from 'playwright-core';
import { z } from 'zod';
import { CHROMIUM_ARGS } from '../../packages/server/src/resolver/browser/pool.js';
import { makeClip } from '../../packages/server/test/fake-tiktok/clips.js';
import { closeServer, serveClipPage } from '../clip-server.js';
import type { GroupResult } from '../doc.js';
import type { Section } from '../scenarios/types.js';
import { AudioGrid } from '../../packages/web/src/lib/sync/audio-grid.js';
import { fitGrid } from '../../packages/web/src/lib/sync/grid-fit.js';
import { landingOf } from '../../packages/web/src/lib/sync/probe-landing.js';
import { trialPage } from './trial-page.js';

export interface StartGridOptions {
  chromiumPath: string;
  /** Starts measured with sound, and as many muted, and at volume 0. */
  trials: number;
}

const CLIP_PATH = '/clip.mp4';
const CLIP_SECONDS = 40;
const GRID_SEARCH = { minPeriod: 5, maxPeriod: 50 };
/** Starts all within this (ms) of a grid sit on it. */
const ON_GRID_MS = 0.5;
/** Mutes and unmutes measured each way. */
const MUTE_TRIALS = 6;
const trialResult = z.object({ rateSetAt: z.number(), start: z.number().nullable() });
const probeResult = z.object({
  releasedAt: z.number(),
  origins: z.array(z.number()),
  now: z.number(),
});
const aimedResult = z.object({ error: z.number(), late: z.number(), now: z.number() });
/** Probes at most before the grid is trusted (or trusted again). */
const MAX_PROBES = 16;
/** A start is aimed this far (ms) ahead of the moment it is planned. */
const AIM_AHEAD_MS = 600;
const muteResult = z.object({ mute: z.number(), unmute: z.number() });

interface Starts {
  /** ms from the rate set to the start, per trial. */
  delays: number[];
  /** The starts on the page's clock. */
  times: number[];
}

type Sound = 'on' | 'muted' | 'volume0';

async function measure(page: Page, sound: Sound, trials: number): Promise<Starts> {
  const starts: Starts = { delays: [], times: [] };
  for (let i = 0; i < trials; i++) {
    const raw: unknown = await page.evaluate(`window.startTrial(${JSON.stringify(sound)})`);
    const { rateSetAt, start } = trialResult.parse(raw);
    if (start === null) continue;
    starts.delays.push(start - rateSetAt);
    starts.times.push(start);
  }
  return starts;
}

type SilenceBy = 'muted' | 'volume';

async function measureMutes(page: Page, by: SilenceBy, trials: number) {
  const shifts: { mute: number[]; unmute: number[] } = { mute: [], unmute: [] };
  for (let i = 0; i < trials; i++) {
    const raw: unknown = await page.evaluate(`window.muteTrial(${JSON.stringify(by)})`);
    const { mute, unmute } = muteResult.parse(raw);
    shifts.mute.push(mute);
    shifts.unmute.push(unmute);
  }
  return shifts;
}

interface AimedStarts {
  probes: number;
  aimed: number[];
  unaimed: number[];
  /** How late the page's releases came, ms (its own busy-wait). */
  worstLate: number;
}

/**
 * The app's switch with and without the grid: probes (the app's `AudioGrid` fed with the
 * page's readings, as `grid-probe.ts` feeds it) until the grid is trusted, then starts
 * with sound aimed at it, alternating with starts released by the probes' mean delay
 * (what a learnt start latency converges to): how far each lands from its instant.
 */
async function measureAimed(page: Page, trials: number): Promise<AimedStarts | undefined> {
  let pageNow = 0;
  const grid = new AudioGrid(() => pageNow);
  const delays: number[] = [];
  let probes = 0;
  let untilTrusted = 0;
  // As the app does: probes until the grid is trusted, then one whenever it asks again.
  const probeAsAsked = async (): Promise<boolean> => {
    while (grid.wantsProbe()) {
      if (probes - untilTrusted >= MAX_PROBES) return false;
      probes++;
      const probe = probeResult.parse(await page.evaluate('window.probe()'));
      pageNow = probe.now;
      const landedAt = landingOf(probe.origins);
      if (landedAt === undefined) continue;
      delays.push(landedAt - probe.releasedAt);
      grid.note({ releasedAt: probe.releasedAt, landedAt });
      if (grid.trusted) untilTrusted = untilTrusted || probes;
    }
    return true;
  };
  if (!(await probeAsAsked())) return undefined;
  const result: AimedStarts = { probes: untilTrusted, aimed: [], unaimed: [], worstLate: 0 };
  for (let i = 0; i < trials; i++) {
    for (const aimed of [true, false]) {
      if (!(await probeAsAsked())) return undefined;
      pageNow = z.number().parse(await page.evaluate('performance.now()'));
      const instant = pageNow + AIM_AHEAD_MS + Math.random() * 50;
      const aim = grid.aim(instant);
      if (aimed && !aim) return undefined;
      const meanDelay = delays.reduce((a, b) => a + b, 0) / delays.length;
      const releaseAt = aimed && aim ? aim.releaseAt : instant - meanDelay;
      const position = aimed && aim ? (aim.landsAt - instant) / 1000 : 0;
      const raw: unknown = await page.evaluate(
        `window.aimedStart(${instant}, ${releaseAt}, ${position})`,
      );
      const start = aimedResult.parse(raw);
      pageNow = start.now;
      result.worstLate = Math.max(result.worstLate, start.late);
      (aimed ? result.aimed : result.unaimed).push(start.error);
    }
  }
  return result;
}

const fmt = (ms: number): string => ms.toFixed(1);
const spread = (values: readonly number[]): number => Math.max(...values) - Math.min(...values);
const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]): number =>
  sorted(values)[Math.floor(values.length / 2)] ?? Number.NaN;

function rows(label: string, starts: Starts): Array<[string, string]> {
  const grid = fitGrid(starts.times, GRID_SEARCH, ON_GRID_MS);
  const worst = grid ? Math.max(...grid.residuals.map(Math.abs)) : Number.NaN;
  return [
    [`${label}: starts measured`, String(starts.delays.length)],
    [
      `${label}: rate set to start, ms (min / median / max)`,
      `${fmt(Math.min(...starts.delays))} / ${fmt(median(starts.delays))} / ${fmt(Math.max(...starts.delays))}`,
    ],
    [`${label}: spread of that delay, ms`, fmt(spread(starts.delays))],
    [
      `${label}: tightest grid of the starts: period ms, worst distance ms, concentration`,
      grid
        ? `${grid.period.toFixed(3)}, ${worst.toFixed(2)}, ${grid.concentration.toFixed(3)}`
        : 'n/a',
    ],
  ];
}

/**
 * When a start really begins. The app arms an element (`play()` at rate 0) and sets
 * rate 1 at the instant less its learnt start latency: how exactly can that land? Starts
 * with sound against muted ones (the baseline) in one Chromium, two elements taking turns.
 */
export async function startGridBenchmark(options: StartGridOptions): Promise<GroupResult> {
  const clip = await makeClip(CLIP_SECONDS);
  const server = await serveClipPage(trialPage(CLIP_PATH), CLIP_PATH, clip.video);
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await browser.newPage();
    const { port } = z.object({ port: z.number() }).parse(server.address());
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() =>
      [0, 1].every((i) => {
        const el = document.getElementById(`v${i}`);
        return el instanceof HTMLVideoElement && el.readyState >= 3;
      }),
    );
    const sound = await measure(page, 'on', options.trials);
    const muted = await measure(page, 'muted', options.trials);
    const silent = await measure(page, 'volume0', options.trials);
    const soundSpread = spread(sound.delays);
    const mutedSpread = spread(muted.delays);
    const soundGrid = fitGrid(sound.times, GRID_SEARCH, ON_GRID_MS);
    const worst = soundGrid ? Math.max(...soundGrid.residuals.map(Math.abs)) : Infinity;
    const section: Section = {
      title: 'Start of an armed element: with sound vs muted',
      rows: [
        ...rows('with sound', sound),
        ...rows('muted (baseline)', muted),
        ...rows('volume 0', silent),
      ],
      verdict:
        `With sound a start lands anywhere in a ${fmt(soundSpread)} ms window ` +
        `(${(soundSpread / Math.max(mutedSpread, 0.1)).toFixed(0)}x the muted ${fmt(mutedSpread)} ms)` +
        (soundGrid && worst <= ON_GRID_MS
          ? `, on a grid of ${soundGrid.period.toFixed(2)} ms (worst distance ` +
            `${worst.toFixed(2)} ms): the audio output's callbacks`
          : ', on no grid'),
      pass: undefined,
      note:
        'Each trial arms one of two `<video>` elements on 1 s of a 40 s H.264 + AAC (44.1 kHz) clip, sets rate 1 ' +
        '300-350 ms later (a random phase) and fits when its `currentTime` line began. A start with sound ' +
        'waits for the next callback of the audio output, so its error against any aim is spread over a ' +
        'whole period, at random where the phase is unknown; the page cannot read that phase, and a muted ' +
        'element, or one at volume 0, does not use the audio output at all (so it cannot probe it silently). That spread is what the sync ' +
        "benchmark's landing pulses take away in the first 200-250 ms of each clip.",
    };
    const aimed = await measureAimed(page, options.trials / 2);
    const aimSection: Section = aimed
      ? {
          title:
            'A switch with sound aimed at the grid learnt from probes vs released by the mean delay',
          rows: [
            ['probes until the grid was trusted', String(aimed.probes)],
            [
              'aimed: landing error, ms (min / median / max)',
              `${Math.min(...aimed.aimed).toFixed(2)} / ${median(aimed.aimed).toFixed(2)} / ${Math.max(...aimed.aimed).toFixed(2)}`,
            ],
            ['aimed: spread, ms', spread(aimed.aimed).toFixed(2)],
            [
              'released by the mean delay (baseline): landing error, ms (min / median / max)',
              `${fmt(Math.min(...aimed.unaimed))} / ${fmt(median(aimed.unaimed))} / ${fmt(Math.max(...aimed.unaimed))}`,
            ],
            ['released by the mean delay (baseline): spread, ms', fmt(spread(aimed.unaimed))],
            ['latest release, ms', aimed.worstLate.toFixed(2)],
          ],
          verdict:
            `Aimed, ${aimed.aimed.length} starts landed within ${Math.max(...aimed.aimed.map(Math.abs)).toFixed(1)} ms ` +
            `of their instant (spread ${spread(aimed.aimed).toFixed(2)} ms); released by the mean delay, ` +
            `within ${fmt(Math.max(...aimed.unaimed.map(Math.abs)))} ms (spread ${fmt(spread(aimed.unaimed))} ms, ` +
            `${(spread(aimed.unaimed) / Math.max(spread(aimed.aimed), 0.1)).toFixed(0)}x)`,
          pass: undefined,
          note:
            "The app's probe (a start at volume 1e-4, read from its `currentTime` line) feeds the app's `AudioGrid` " +
            'until it trusts a grid; then each aimed start is positioned past its instant by the distance to the first ' +
            'grid point at or after it and released at the moment `AudioGrid.aim` gives, and each baseline start is ' +
            'released the mean probe delay early from the clip position itself, as a learnt start latency does. The ' +
            "error is where the element's line lies against the instant, read 200-350 ms after it.",
        }
      : {
          title:
            'A switch with sound aimed at the grid learnt from probes vs released by the mean delay',
          rows: [['probes', `${MAX_PROBES}, no grid trusted`]],
          verdict: `No grid was trusted after ${MAX_PROBES} probes`,
          pass: undefined,
          note: 'The probes did not fit one grid: nothing was aimed.',
        };
    const byMuted = await measureMutes(page, 'muted', MUTE_TRIALS);
    const byVolume = await measureMutes(page, 'volume', MUTE_TRIALS);
    const range = (values: readonly number[]) =>
      `${fmt(Math.min(...values))} to ${fmt(Math.max(...values))}`;
    const worstMove = (shifts: { mute: number[]; unmute: number[] }) =>
      Math.max(...[...shifts.mute, ...shifts.unmute].map(Math.abs));
    const toggles: Section = {
      title: 'Muting a playing element: by `muted` vs by a volume of 1e-4',
      rows: [
        ['by `muted`: muting moves the element, ms (+ = behind)', range(byMuted.mute)],
        ['by `muted`: unmuting moves it, ms', range(byMuted.unmute)],
        ['by volume 1e-4 (baseline): muting moves it, ms', range(byVolume.mute)],
        ['by volume 1e-4 (baseline): unmuting moves it, ms', range(byVolume.unmute)],
      ],
      verdict:
        `Each mute or unmute by \`muted\` moves a playing element up to ${fmt(worstMove(byMuted))} ms ` +
        `(a volume of 1e-4: ${fmt(worstMove(byVolume))} ms)`,
      pass: undefined,
      note:
        `${MUTE_TRIALS} mutes and unmutes each way, 250 ms apart, on a playing element. Muted, the element ` +
        'leaves the audio output and runs on the wall clock, jumping ahead; unmuted, it waits for the ' +
        "output's next callback again. The sync engine corrects the step with a pulse. It keeps `muted` " +
        'all the same: to the browser an element at a volume above 0 plays sound (on Android its media ' +
        "session may take the audio focus from the person's own music, which is often why they mute; not " +
        'measured here).',
    };
    return {
      name: 'start-grid',
      title: 'When a start begins (audio output grid)',
      intro: [
        `${options.trials} starts with sound, then ${options.trials} muted and ${options.trials} at volume 0, in one page;`,
        `then probes until the grid is trusted and ${options.trials / 2} aimed starts against as many released by the mean delay;`,
        `then ${MUTE_TRIALS} mutes and unmutes of a playing element each way.`,
      ],
      sections: [section, aimSection, toggles],
    };
  } finally {
    await browser.close();
    await closeServer(server);
  }
}
