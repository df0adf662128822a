import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { z } from 'zod';
import { browserScript } from './browser-script.js';
import { realNow } from './controller.js';
import { startDelayProxy, type DelayProxy } from './delay-proxy.js';
import { installSampler } from './page/sampler.js';
import { installSkewedClock } from './page/skew-clock.js';
import { sampleSchema, takenSchema, type PageRecord, type Sample } from './samples.js';

/** One person: their network path and their computer's clock. */
export interface ViewerSpec {
  name: string;
  /** Round trip of their path, ms. */
  rttMs: number;
  /** How far their clock is off, ms. */
  skewMs: number;
}

export const SAMPLE_EVERY_MS = 25;
/** Each chunk's one-way delay varies by up to ±10%. */
const JITTER = 0.1;

/** A page in a browser context of its own, behind its own delaying proxy, clock skewed. */
export class Viewer {
  readonly errors: string[] = [];

  private constructor(
    readonly spec: ViewerSpec,
    readonly proxy: DelayProxy,
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.errors.push(`${message.text()} (${message.location().url})`);
      }
    });
  }

  static async open(browser: Browser, spec: ViewerSpec, upstreamPort: number): Promise<Viewer> {
    const proxy = await startDelayProxy({ rttMs: spec.rttMs, jitter: JITTER, upstreamPort });
    const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
    // The sampler first: it keeps the real clock before the skew replaces it.
    await context.addInitScript({
      content: [
        browserScript(installSampler, { everyMs: SAMPLE_EVERY_MS }),
        browserScript(installSkewedClock, { skewMs: spec.skewMs }),
      ].join('\n'),
    });
    const page = await context.newPage();
    const viewer = new Viewer(spec, proxy, context, page);
    const profiles = process.env.BENCH_SYNC_PAGE_PROF;
    if (profiles) await viewer.startProfile(profiles);
    return viewer;
  }

  private profileTo: string | undefined;
  private cdp: CDPSession | undefined;

  /** `BENCH_SYNC_PAGE_PROF=<dir>`: a CPU profile of the page, written at `record()`. */
  private async startProfile(dir: string): Promise<void> {
    this.cdp = await this.context.newCDPSession(this.page);
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await this.cdp.send('Profiler.start');
    this.profileTo = dir;
  }

  private async saveProfile(): Promise<void> {
    if (!this.cdp || this.profileTo === undefined) return;
    const { profile } = await this.cdp.send('Profiler.stop');
    await mkdir(this.profileTo, { recursive: true });
    const file = join(this.profileTo, `${this.spec.name}-${String(Date.now())}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    this.cdp = undefined;
  }

  /** Opens `path` under this viewer's origin; returns the real time navigation started. */
  async visit(path: string): Promise<number> {
    const started = realNow();
    await this.page.goto(`${this.proxy.origin}${path}`);
    return started;
  }

  async read(): Promise<Sample> {
    return sampleSchema.parse(await this.page.evaluate('window.__wtBench.read()'));
  }

  /** Everything recorded so far, on the harness's clock (see `clockOffset`). */
  async record(): Promise<PageRecord> {
    await this.saveProfile();
    const offset = await this.clockOffset();
    const taken = takenSchema.parse(await this.page.evaluate('window.__wtBench.take()'));
    return {
      name: this.spec.name,
      rttMs: this.spec.rttMs,
      skewMs: this.spec.skewMs,
      clockOffsetMs: offset,
      samples: taken.samples.map((sample) => ({ ...sample, r: sample.r - offset })),
      events: taken.events.map((event) => ({ ...event, r: event.r - offset })),
      sets: taken.sets.map((set) => ({ ...set, r: set.r - offset })),
      requests: taken.requests.map((request) => ({
        ...request,
        start: request.start - offset,
        requestStart: request.requestStart - offset,
        responseStart: request.responseStart - offset,
        responseEnd: request.responseEnd - offset,
      })),
      longFrames: taken.longFrames.map((frame) => ({
        start: taken.timeOrigin + frame.startTime - offset,
        duration: frame.duration,
        blocking: frame.blockingDuration,
        styleAndLayoutStart: taken.timeOrigin + frame.styleAndLayoutStart - offset,
        scripts: frame.scripts.map((script) => ({
          invoker: script.invoker,
          source: `${script.sourceURL} ${script.sourceFunctionName}`,
          duration: script.duration,
          layout: script.forcedStyleAndLayoutDuration,
        })),
      })),
      errors: [...this.errors],
    };
  }

  /**
   * How far this page's real clock (its unskewed time origin plus `performance.now()`) is
   * from the harness's, ms: the answer of the quickest of a few round trips.
   */
  async clockOffset(): Promise<number> {
    let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
    for (let i = 0; i < 8; i++) {
      const sent = realNow();
      const pageNow = z.number().parse(await this.page.evaluate('window.__wtBench.now()'));
      const received = realNow();
      if (received - sent < best.rtt) {
        best = { rtt: received - sent, offset: pageNow - (sent + received) / 2 };
      }
    }
    return best.offset;
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.proxy.close();
  }
}
