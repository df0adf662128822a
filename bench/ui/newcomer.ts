import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { z } from 'zod';
import { browserScript } from '../sync/browser-script.js';
import { pageProbe } from './page-probe.js';

/** A script the page loaded: its address and when its request started (page clock, ms). */
export interface ScriptLoad {
  url: string;
  startTime: number;
}

/** One newcomer's page, on its own clock (ms since it started navigating). */
export interface NewcomerRun {
  lcpMs: number | undefined;
  fcpMs: number | undefined;
  /** Every layout shift without recent input, summed over the whole observation. */
  cls: number;
  firstFrameMs: number | undefined;
  firstMovingFrameMs: number | undefined;
  /** Scripts requested before the first contentful paint. */
  firstPaintScripts: ScriptLoad[];
  /** Every script by the end of the observation. */
  scripts: ScriptLoad[];
  /** Every script once the share dialog has shown its QR code. */
  scriptsWithShare: ScriptLoad[];
}

/** How long the page is watched after its first moving frame (late shifts count too). */
const SETTLE_MS = 3_000;
const FRAME_TIMEOUT_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const readingSchema = z.object({
  lcp: z.number().optional(),
  shifts: z.array(z.object({ at: z.number(), value: z.number() })),
  firstFrame: z.number().optional(),
  firstMovingFrame: z.number().optional(),
  fcp: z.number().optional(),
  scripts: z.array(z.object({ url: z.string(), startTime: z.number() })),
});
type ProbeReading = z.infer<typeof readingSchema>;

/** Runs in the page: the probe's figures and its same-origin scripts (Socket.io is not one). */
function readInPage(): unknown {
  const probe: unknown = Reflect.get(window, '__wtUiProbe');
  const scripts = performance
    .getEntriesByType('resource')
    .filter((entry) => {
      const url = new URL(entry.name);
      return url.origin === location.origin && url.pathname.endsWith('.js');
    })
    .map((entry) => ({ url: entry.name, startTime: entry.startTime }));
  return {
    ...(typeof probe === 'object' && probe !== null ? probe : { shifts: [] }),
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    scripts,
  };
}

/** What the page says, parsed (tsx names functions through a helper only Node has). */
async function read(page: Page): Promise<ProbeReading> {
  const source = `(() => { const __name = (target) => target; return (${readInPage.toString()})(); })()`;
  return readingSchema.parse(await page.evaluate(source));
}

/**
 * A newcomer opens `roomUrl` in a fresh browser context (empty cache, like someone tapping
 * the link for the first time), watches until the clip moves and a while after, then
 * opens the share dialog.
 */
export async function openAsNewcomer(
  browser: Browser,
  roomUrl: string,
  device: BrowserContextOptions,
): Promise<NewcomerRun> {
  const context = await browser.newContext(device);
  try {
    await context.addInitScript(browserScript(pageProbe, null));
    const page = await context.newPage();
    await page.goto(roomUrl, { waitUntil: 'commit' });
    const deadline = Date.now() + FRAME_TIMEOUT_MS;
    let reading = await read(page);
    while (reading.firstMovingFrame === undefined && Date.now() < deadline) {
      await sleep(100);
      reading = await read(page);
    }
    await sleep(SETTLE_MS);
    reading = await read(page);
    const fcp = reading.fcp;
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-qr').waitFor({ state: 'visible', timeout: 10_000 });
    const withShare = await read(page);
    return {
      lcpMs: reading.lcp,
      fcpMs: fcp,
      cls: reading.shifts.reduce((sum, shift) => sum + shift.value, 0),
      firstFrameMs: reading.firstFrame,
      firstMovingFrameMs: reading.firstMovingFrame,
      firstPaintScripts:
        fcp === undefined ? [] : reading.scripts.filter((script) => script.startTime < fcp),
      scripts: reading.scripts,
      scriptsWithShare: withShare.scripts,
    };
  } finally {
    await context.close();
  }
}
