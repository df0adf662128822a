import type { Logger } from 'pino';
import type { BrowserContext } from 'playwright-core';
import type { JobDeadline } from '../work-queue.js';
import { abortable, withDeadline } from './deadline.js';
import { launchBrowser, type LaunchedBrowser } from './launch.js';
import { processTreeRss } from './process-memory.js';

export { BrowserLaunchError, CHROMIUM_ARGS } from './launch.js';

/** How long a browser may take to close a page, or to answer after a job's deadline. */
const CLOSE_DEADLINE_MS = 5_000;

export interface BrowserPoolOptions {
  executablePath: string;
  userAgent: string;
  logger: Logger;
  /** Called when the browser is found dead or hung; the next job relaunches it. */
  onRestart: (reason: 'crash' | 'hang') => void;
  /** Close the browser after this long without work (0: never). */
  idleCloseMs?: number;
  /** A launch (Chromium started and connected) not ready by then fails with `BrowserLaunchError`. */
  launchTimeoutMs: number;
}

interface Running extends LaunchedBrowser {
  /** Set once the browser was found dead or hung (it is then killed, and counted once). */
  dead: boolean;
}

/**
 * One reused headless Chromium, launched on first use with a fresh profile. Each job
 * gets its own browser context (cookies isolated), always closed afterwards. A browser
 * that crashes, or hangs past a job's deadline, is killed; the next job launches anew.
 * A launch is the pool's own cost, shared by every job waiting for it and bounded by its
 * own deadline: a job's deadline is on hold meanwhile.
 */
export class BrowserPool {
  private running: Running | undefined;
  private launching: Promise<Running> | undefined;
  private launched = 0;
  private active = 0;
  private contexts = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {}

  /** The browser process id, while one runs. */
  get pid(): number | undefined {
    return this.running?.server.process().pid;
  }

  /** How many browsers were launched so far (the first launch included). */
  get launches(): number {
    return this.launched;
  }

  /** Browser contexts (one per job) open right now. */
  get openContexts(): number {
    return this.contexts;
  }

  /** Resident memory of the browser and its helper processes, in bytes. */
  async memoryBytes(): Promise<number> {
    const pid = this.pid;
    return pid === undefined ? 0 : ((await processTreeRss(pid)) ?? 0);
  }

  /**
   * Runs `job` in a fresh context, closed afterwards whatever happens. The job's deadline
   * is held while a browser launches (that fails on its own deadline, with a
   * `BrowserLaunchError`) and runs from when the job can open its context. When it
   * passes, the context is closed at once (which ends whatever the job was waiting for);
   * a browser that cannot do that, or cannot even open the context, in time is hung.
   */
  async withContext<T>(
    job: (context: BrowserContext) => Promise<T>,
    deadline: JobDeadline,
  ): Promise<T> {
    if (this.closed) throw new Error('The browser pool is closed');
    const { signal } = deadline;
    this.active++;
    clearTimeout(this.idleTimer);
    try {
      const running = await deadline.hold(() => this.ensure());
      const creating = running.browser.newContext({
        userAgent: this.options.userAgent,
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      let context: BrowserContext;
      try {
        context = await abortable(creating, signal, (late) => {
          void this.closeContext(late, running);
        });
      } catch (error) {
        if (signal.aborted) void this.expectSettled(creating, running);
        throw error;
      }
      this.contexts++;
      let closing: Promise<void> | undefined;
      const close = (): Promise<void> => {
        closing ??= this.closeContext(context, running).finally(() => {
          this.contexts--;
        });
        return closing;
      };
      const onAbort = (): void => {
        void close();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await job(context);
      } catch (error) {
        if (!signal.aborted) await this.checkAlive(running);
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort);
        await close();
      }
    } finally {
      this.active--;
      this.scheduleIdleClose();
    }
  }

  /** A browser call abandoned at a job's deadline must still finish soon, or the browser hangs. */
  private async expectSettled(call: Promise<unknown>, running: Running): Promise<void> {
    const settled = call.then(
      () => 'settled' as const,
      () => 'settled' as const,
    );
    if ((await withDeadline(settled, CLOSE_DEADLINE_MS)) === 'deadline') {
      this.markDead(running, 'hang');
    }
  }

  /** After a failed job: a browser that cannot open a context any more is dead. */
  private async checkAlive(running: Running): Promise<void> {
    if (running.dead) return;
    const probe = running.browser.newContext().then(
      async (context) => {
        await context.close();
        return true;
      },
      () => false,
    );
    const alive = await withDeadline(probe, CLOSE_DEADLINE_MS);
    if (alive !== true) this.markDead(running, alive === 'deadline' ? 'hang' : 'crash');
  }

  private async closeContext(context: BrowserContext, running: Running): Promise<void> {
    if (running.dead) return;
    const result = await withDeadline(
      context.close().then(
        () => 'closed' as const,
        (error: unknown) => {
          this.options.logger.debug({ err: error }, 'browser context close failed');
          return 'failed' as const;
        },
      ),
      CLOSE_DEADLINE_MS,
    );
    if (result === 'deadline') this.markDead(running, 'hang');
  }

  /** Kills a browser found dead or hung; counted once; the next job launches a new one. */
  private markDead(running: Running, reason: 'crash' | 'hang'): void {
    if (running.dead) return;
    running.dead = true;
    if (this.running === running) this.running = undefined;
    if (!this.closed) {
      this.options.logger.warn({ reason }, 'headless browser lost: it will be relaunched');
      this.options.onRestart(reason);
    }
    running.server.kill().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'killing the browser failed');
    });
  }

  private ensure(): Promise<Running> {
    const running = this.running;
    if (running && !running.dead && running.browser.isConnected()) return Promise.resolve(running);
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Running> {
    const { executablePath, logger } = this.options;
    const started = Date.now();
    let launched: LaunchedBrowser;
    try {
      launched = await launchBrowser(executablePath, this.options.launchTimeoutMs, logger);
    } catch (error) {
      logger.error({ err: error, ms: Date.now() - started }, 'headless browser launch failed');
      throw error;
    }
    const { server, browser } = launched;
    this.launched++;
    const running: Running = { server, browser, dead: false };
    browser.on('disconnected', () => {
      // A browser closed on purpose (idle, shutdown) is no longer the running one.
      if (this.running === running) this.markDead(running, 'crash');
    });
    this.running = running;
    logger.info(
      { pid: server.process().pid, ms: Date.now() - started },
      'headless browser launched',
    );
    return running;
  }

  private scheduleIdleClose(): void {
    const idleMs = this.options.idleCloseMs ?? 0;
    if (idleMs <= 0 || this.active > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const running = this.running;
      if (this.active > 0 || !running) return;
      this.running = undefined;
      this.options.logger.info('closing the idle headless browser');
      running.server.close().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'closing the idle browser failed');
      });
    }, idleMs);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const running = this.running ?? (await this.launching?.catch(() => undefined));
    this.running = undefined;
    if (running) {
      const result = await withDeadline(running.server.close(), CLOSE_DEADLINE_MS);
      if (result === 'deadline') await running.server.kill();
    }
  }
}
