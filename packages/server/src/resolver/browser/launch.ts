import { AppError, ErrorCode } from '@wt/protocol';
import type { Logger } from 'pino';
import type { Browser, BrowserServer } from 'playwright-core';
import { abortable } from './deadline.js';

type Playwright = typeof import('playwright-core');
let playwright: Promise<Playwright> | undefined;

/**
 * playwright-core, loaded the first time a browser is wanted: loading it costs 0.6 s of
 * CPU, which a server that never launches Chromium (`CHROMIUM_PATH=none`, or no video that
 * needs it yet) should not pay at every start, nor a restart before it serves again.
 */
function loadPlaywright(): Promise<Playwright> {
  playwright ??= import('playwright-core');
  return playwright;
}

/** Flags for a server-side headless Chromium (no GPU, no QUIC, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--mute-audio',
];

/**
 * Chromium could not be made ready for work: it took longer than its launch deadline
 * (`TIMEOUT`), or it failed to start (`UPSTREAM_ERROR`). The message is for people; `cause`
 * (logged, never sent) says what went wrong.
 */
export class BrowserLaunchError extends AppError {
  constructor(
    readonly reason: 'timeout' | 'failed',
    cause: unknown,
  ) {
    super(
      reason === 'timeout' ? ErrorCode.TIMEOUT : ErrorCode.UPSTREAM_ERROR,
      reason === 'timeout'
        ? 'The browser this video needs took too long to start. Try again in a moment.'
        : 'The browser this video needs could not start. Try again later.',
    );
    this.name = 'BrowserLaunchError';
    this.cause = cause;
  }
}

export interface LaunchedBrowser {
  server: BrowserServer;
  browser: Browser;
}

/**
 * Starts Chromium and connects to it, all within `timeoutMs`, else rejects with a
 * `BrowserLaunchError`. A browser that comes up after the deadline is killed at once; one
 * that never does is reaped by playwright, about 30 s after its own launch timeout (the same
 * length as ours).
 */
export async function launchBrowser(
  executablePath: string,
  timeoutMs: number,
  logger: Logger,
): Promise<LaunchedBrowser> {
  // Loading the library is not the browser's launch: it stays outside the deadline.
  let chromium: Playwright['chromium'];
  try {
    ({ chromium } = await loadPlaywright());
  } catch (error) {
    playwright = undefined; // The next launch tries again.
    throw new BrowserLaunchError('failed', error);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const cause = new Error(`Chromium was not ready within ${timeoutMs} ms`);
    controller.abort(new BrowserLaunchError('timeout', cause));
  }, timeoutMs);
  try {
    const starting = start(chromium, executablePath, timeoutMs, logger);
    return await abortable(starting, controller.signal, (late) => {
      kill(late.server, logger);
    });
  } catch (error) {
    if (error instanceof BrowserLaunchError) throw error;
    // Playwright's own launch timeout (the same length) may fire first; `launchServer`
    // throws its server-side TimeoutError class, not `errors.TimeoutError`: known by name.
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new BrowserLaunchError(timedOut ? 'timeout' : 'failed', error);
  } finally {
    clearTimeout(timer);
  }
}

async function start(
  chromium: Playwright['chromium'],
  executablePath: string,
  timeoutMs: number,
  logger: Logger,
): Promise<LaunchedBrowser> {
  const endsAt = Date.now() + timeoutMs;
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: timeoutMs,
  });
  try {
    const browser = await chromium.connect(server.wsEndpoint(), {
      timeout: Math.max(1, endsAt - Date.now()),
    });
    return { server, browser };
  } catch (error) {
    kill(server, logger);
    throw error;
  }
}

function kill(server: BrowserServer, logger: Logger): void {
  server.kill().catch((error: unknown) => {
    logger.warn({ err: error }, 'killing a browser that was not ready failed');
  });
}
