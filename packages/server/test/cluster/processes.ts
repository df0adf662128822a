import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { redisAnswers } from '../support/redis.js';
import {
  startServerProcess,
  type ServerProcess as RunningProcess,
} from '../support/server-process.js';

const STARTUP_DEADLINE_MS = 60_000;

/**
 * One real server process (`main.ts`, see `startServerProcess`), on a port and a DATA_DIR
 * of its own that survive its restarts.
 */
export class ServerProcess {
  private running: RunningProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    // Its own DATA_DIR (kept across its restarts), never the checkout's ./data.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'wt-process-'));
    process.once('exit', () => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, ...env });
    await server.restart();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the process logged since its last start (pino lines; other output as `{text}`). */
  get logs(): readonly Record<string, unknown>[] {
    return this.running?.logs ?? [];
  }

  /** Starts (again) on the same port; resolves once it listens. */
  async restart(): Promise<void> {
    this.running = await startServerProcess(
      { PORT: String(this.port), CHROMIUM_PATH: 'none', ...this.env },
      STARTUP_DEADLINE_MS,
    );
  }

  /** The process is running (it has not exited since its last start). */
  get alive(): boolean {
    const child = this.running?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** `kill -9`: no shutdown, no goodbye to anyone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.running?.stop(signal);
  }
}

/** A `redis-server` of the test's own (append-only file in a temp dir), to stop and restart. */
export class OwnRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), await mkdtemp(path.join(tmpdir(), 'wt-redis-')));
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        ...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 20_000;
    while (!(await redisAnswers(this.url))) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM: Redis writes its append-only file and exits. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
