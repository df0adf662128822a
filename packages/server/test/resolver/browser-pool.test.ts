import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLaunchError, BrowserPool } from '../../src/resolver/browser/pool.js';
import { JobDeadline } from '../../src/resolver/work-queue.js';
import { isRunning, makeLaunchers, type Launchers } from './launchers.js';

const LAUNCH_TIMEOUT_MS = 1_500;
/** Shorter than every launch below: were launching counted, every job would time out. */
const JOB_BUDGET_MS = 1_000;

let launchers: Launchers;
beforeAll(async () => {
  launchers = await makeLaunchers();
});
afterAll(async () => {
  await launchers.remove();
});

function pool(executablePath: string, launchTimeoutMs = LAUNCH_TIMEOUT_MS): BrowserPool {
  return new BrowserPool({
    executablePath,
    userAgent: 'test',
    logger: pino({ level: 'silent' }),
    onRestart: () => undefined,
    launchTimeoutMs,
  });
}

function jobDeadline(budgetMs = JOB_BUDGET_MS): JobDeadline {
  const deadline = new JobDeadline(budgetMs, () => new Error('job deadline passed'));
  deadline.start();
  return deadline;
}

/** When `promise` settled, in ms from now, and how. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; result: unknown }> {
  const started = Date.now();
  const result = await promise.catch((error: unknown) => error);
  return { ms: Date.now() - started, result };
}

describe('the browser pool’s launch', () => {
  it('a slow launch is the pool’s time, not the job’s: the job gets its whole budget', async () => {
    // The launch takes longer than the job's whole budget; the budget itself leaves a loaded
    // machine time to open a page once the browser is there.
    const browsers = pool(await launchers.slow(4), 30_000);
    try {
      const deadline = jobDeadline(3_000);
      const { ms, result } = await timed(
        browsers.withContext(async (context) => {
          const page = await context.newPage();
          await page.setContent('<p>ready</p>');
          return page.textContent('p');
        }, deadline),
      );
      expect(result).toBe('ready');
      expect(ms).toBeGreaterThanOrEqual(4_000);
      expect(deadline.signal.aborted).toBe(false);
      expect(browsers.launches).toBe(1);
    } finally {
      await browsers.close();
    }
  });

  it('a launch that never completes fails with BrowserLaunchError at the launch timeout', async () => {
    const browsers = pool(await launchers.stalled());
    let ran = false;
    try {
      const deadline = jobDeadline();
      const { ms, result } = await timed(
        browsers.withContext(() => {
          ran = true;
          return Promise.resolve();
        }, deadline),
      );
      expect(result).toBeInstanceOf(BrowserLaunchError);
      expect(result).toMatchObject({ reason: 'timeout', code: 'TIMEOUT' });
      expect(ms).toBeGreaterThanOrEqual(LAUNCH_TIMEOUT_MS);
      expect(ms).toBeLessThan(LAUNCH_TIMEOUT_MS + 2_000);
      expect(ran).toBe(false);
      expect(deadline.signal.aborted).toBe(false);
      expect(browsers.launches).toBe(0);
    } finally {
      await browsers.close();
      const pid = await launchers.stalledPid();
      if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('a browser that cannot start fails at once with BrowserLaunchError, with its cause', async () => {
    const browsers = pool(await launchers.broken());
    try {
      const { ms, result } = await timed(
        browsers.withContext(() => Promise.resolve(), jobDeadline()),
      );
      expect(result).toBeInstanceOf(BrowserLaunchError);
      expect(result).toMatchObject({ reason: 'failed', code: 'UPSTREAM_ERROR' });
      expect(String(result instanceof Error ? result.cause : '')).toMatch(/cannot start/);
      expect(ms).toBeLessThan(LAUNCH_TIMEOUT_MS);
    } finally {
      await browsers.close();
    }
  });
});
