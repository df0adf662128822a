import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { errorOf, startHarness } from './harness.js';
import { isRunning, makeLaunchers, until, type Launchers } from './launchers.js';

const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;

/** The browser job budget of the hang test in browser.test.ts. */
const BUDGET_MS = 4_000;
/** Longer than the whole budget: counted against the job, such a launch would time it out. */
const SLOW_LAUNCH_S = 5;

let launchers: Launchers;
beforeAll(async () => {
  launchers = await makeLaunchers();
});
afterAll(async () => {
  await launchers.remove();
});

describe('a slow browser launch is not counted against the job', () => {
  it('a cold launch longer than the job budget still resolves', async () => {
    const h = await startHarness({
      resolver: { chromiumPath: await launchers.slow(SLOW_LAUNCH_S), browserTimeoutMs: BUDGET_MS },
    });
    try {
      const started = Date.now();
      const res = await h.resolve(page(FAKE_IDS.browserOnly));
      const elapsed = Date.now() - started;
      expect(res.body).toMatchObject({ id: FAKE_IDS.browserOnly, source: 'browser' });
      expect(res.status).toBe(200);
      expect(elapsed).toBeGreaterThanOrEqual(SLOW_LAUNCH_S * 1000);
      expect(h.resolver.inspect().browserLaunches).toBe(1);
    } finally {
      await h.close();
    }
  }, 40_000);

  it('nor is the relaunch when a job is retried after its browser died', async () => {
    const h = await startHarness({
      resolver: { chromiumPath: await launchers.slow(SLOW_LAUNCH_S), browserTimeoutMs: BUDGET_MS },
      fake: { delayMs: 500 },
    });
    try {
      const pending = h.resolve(page(FAKE_IDS.browserOnly));
      await until(() => h.resolver.inspect().browserContexts > 0, 20_000);
      process.kill(h.resolver.inspect().browserPid ?? 0, 'SIGKILL');
      const res = await pending;
      expect(res.body).toMatchObject({ source: 'browser' });
      expect(res.status).toBe(200);
      expect(h.resolver.inspect().browserLaunches).toBe(2);
      expect(h.resolver.inspect().browserContexts).toBe(0);
    } finally {
      await h.close();
    }
  }, 40_000);
});

describe('a launch that never completes', () => {
  const LAUNCH_TIMEOUT_MS = 2_000;

  it('fails every waiting job with a clear TIMEOUT within the launch timeout', async () => {
    const h = await startHarness({
      resolver: {
        chromiumPath: await launchers.stalled(),
        browserLaunchTimeoutMs: LAUNCH_TIMEOUT_MS,
        browserTimeoutMs: 15_000,
      },
    });
    try {
      const started = Date.now();
      const results = await Promise.all([
        h.resolve(page(FAKE_IDS.browserOnly)),
        h.resolve(page(FAKE_IDS.browserMediaOnly)),
      ]);
      const elapsed = Date.now() - started;
      for (const res of results) {
        expect(res.status).toBe(504);
        expect(errorOf(res.body)).toMatchObject({ code: 'TIMEOUT' });
        expect(errorOf(res.body).message).toMatch(/browser .*took too long to start/);
      }
      expect(elapsed).toBeGreaterThanOrEqual(LAUNCH_TIMEOUT_MS);
      expect(elapsed).toBeLessThan(LAUNCH_TIMEOUT_MS + 3_000);
      expect(h.resolver.inspect().browserLaunches).toBe(0);
      expect(h.resolver.inspect().browserContexts).toBe(0);
    } finally {
      await h.close();
      // Playwright reaps a launch it gave up on only 30 s later: do not leave it behind.
      const pid = await launchers.stalledPid();
      if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('a browser that cannot start at all fails at once with UPSTREAM_ERROR', async () => {
    const h = await startHarness({ resolver: { chromiumPath: await launchers.broken() } });
    try {
      const started = Date.now();
      const res = await h.resolve(page(FAKE_IDS.browserOnly));
      expect(res.status).toBe(502);
      expect(errorOf(res.body)).toMatchObject({ code: 'UPSTREAM_ERROR' });
      expect(errorOf(res.body).message).toMatch(/browser .*could not start/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await h.close();
    }
  });
});
