import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { startApp } from '../../tests/e2e/support/app-process.js';
import { Controller, probeAutoAdvance, realNow } from './controller.js';
import { Driver, type Transition } from './driver.js';
import { startFront, type FrontRoutes } from './front.js';
import { RELAY_PATH } from './relay/relay-page.js';
import type { PageRecord, Sample } from './samples.js';
import type { ClipRef } from './timeline.js';
import { Viewer, type ViewerSpec } from './viewer.js';

/** Our web app, or the seed-style relay page (the baseline). */
export type ClientKind = 'app' | 'relay';

export interface ScenarioInput {
  kind: ClientKind;
  browser: Browser;
  /** The server's entry point (a snapshot of the build). */
  appEntry: string;
  tiktokOrigin: string;
  clips: readonly ClipRef[];
  /** The three who start together. */
  viewers: readonly ViewerSpec[];
  /** The one who opens the link during the last clip. */
  late: ViewerSpec;
  relayRoutes: FrontRoutes;
}

export interface ScenarioResult {
  kind: ClientKind;
  /** The app moved to each next clip by itself (else the bench did, as a person would). */
  autoAdvance: boolean;
  transitions: Transition[];
  /** The first three pages, then the late joiner. */
  records: PageRecord[];
  lateOpenedAt: number;
  /**
   * The longest the bench's own event loop stalled over the late joiner's first seconds,
   * ms: its delay proxies run there, so a stall holds every page's packets that long.
   */
  lateHarnessStallMs: number;
  pausedAt: number;
  /** Every page's visible video 1 s after the pause click. */
  afterPause: Sample[];
  /** The app's own warnings and errors (its log, level warn). */
  appLog: string;
}

/** Seconds into the last clip at which the late joiner opens the link, and the pause. */
export const LATE_JOIN_AT_S = 10;
export const PAUSE_AT_S = 28;
/** How long after the late joiner opens the link the bench's own stalls are watched. */
const LATE_WATCH_MS = 5_000;
const PAUSE_SETTLE_MS = 1_000;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function pathFor(kind: ClientKind, roomId: string, userId: string): string {
  return kind === 'app'
    ? `/room/${roomId}`
    : `${RELAY_PATH}?room=${encodeURIComponent(roomId)}&user=${encodeURIComponent(userId)}`;
}

/** What a person does to start or stop playback on a page. */
async function toggle(kind: ClientKind, viewer: Viewer, action: 'play' | 'pause'): Promise<void> {
  if (kind === 'app') await viewer.page.getByTestId('play-toggle').click();
  else await viewer.page.evaluate(`window.__wtRelay.${action}()`);
}

async function waitForAll(
  viewers: readonly Viewer[],
  test: (sample: Sample) => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = realNow() + timeoutMs;
  for (;;) {
    const samples = await Promise.all(viewers.map((viewer) => viewer.read()));
    if (samples.every(test)) return;
    if (realNow() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * One run of the scenario: three pages start the queue together, go through
 * every clip change, a fourth opens the link during the last clip, one pauses.
 */
export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const { kind, clips } = input;
  const app = await startApp(
    { TIKTOK_ORIGIN: input.tiktokOrigin, CHROMIUM_PATH: 'none' },
    input.appEntry,
  );
  const viewers: Viewer[] = [];
  const closers: Array<() => Promise<void> | void> = [
    async () => {
      await app.stop();
    },
  ];
  try {
    const front = await startFront(Number(new URL(app.url).port), input.relayRoutes);
    closers.push(() => front.close());
    const autoAdvance = await probeAutoAdvance(app.url);
    const roomId = `sync-${kind}-${Date.now().toString(36)}`;
    const controller = await Controller.join(app.url, roomId);
    closers.push(() => {
      controller.close();
    });

    for (const spec of input.viewers)
      viewers.push(await Viewer.open(input.browser, spec, front.port));
    await Promise.all(
      viewers.map((viewer, i) => viewer.visit(pathFor(kind, roomId, `relay-${i}`))),
    );
    await controller.fill(clips.map((clip) => clip.url));
    const first = clips[0]?.id ?? '';
    await waitForAll(
      viewers,
      (sample) => sample.src.includes(first) && (sample.readyState ?? 0) >= 3,
      30_000,
      'every page to load the first clip',
    );

    const driver = new Driver(
      controller,
      clips.map((clip) => clip.seconds),
      { auto: autoAdvance, fallbackMs: 2_000 },
    );
    closers.push(() => driver.stop());
    const starter = viewers[0];
    if (!starter) throw new Error('no viewers');
    await toggle(kind, starter, 'play');

    const last = clips.length - 1;
    const totalSeconds = clips.reduce((sum, clip) => sum + clip.seconds, 0);
    await controller.until(
      () => controller.index === last && controller.clipZero() !== undefined,
      (totalSeconds + 30) * 1000,
      'the last clip to play',
    );
    const zero = (): number => controller.clipZero() ?? realNow();
    await sleep(zero() + LATE_JOIN_AT_S * 1000 - realNow());
    const late = await Viewer.open(input.browser, input.late, front.port);
    viewers.push(late);
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const lateOpenedAt = await late.visit(pathFor(kind, roomId, 'relay-late'));
    await sleep(lateOpenedAt + LATE_WATCH_MS - realNow());
    stalls.disable();
    const lateHarnessStallMs = stalls.max / 1e6;

    await sleep(zero() + PAUSE_AT_S * 1000 - realNow());
    const pauser = viewers[1] ?? starter;
    const pausedAt = realNow();
    await toggle(kind, pauser, 'pause');
    await sleep(PAUSE_SETTLE_MS);
    const afterPause = await Promise.all(viewers.map((viewer) => viewer.read()));
    await driver.stop();
    const records = await Promise.all(viewers.map((viewer) => viewer.record()));
    return {
      kind,
      autoAdvance,
      transitions: driver.transitions,
      records,
      lateOpenedAt,
      lateHarnessStallMs,
      pausedAt,
      afterPause,
      appLog: app.output(),
    };
  } finally {
    closers.push(() => Promise.all(viewers.map((viewer) => viewer.close())).then(() => undefined));
    // Everything is closed even if a step fails; a failing close is told, not thrown over
    // the error that got us here.
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error: unknown) {
        console.error(`  [${kind}] closing failed:`, error);
      }
    }
  }
}
