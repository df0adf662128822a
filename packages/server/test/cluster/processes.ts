import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { freePort } from '../support/free-port.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const STARTUP_DEADLINE_MS = 60_000;
const listening = z.object({
  msg: z.literal('TikTok Watch Together is listening'),
  url: z.string(),
});

/** One real server process (`main.ts`), on a port of its own that survives a restart. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];

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

  /** Starts (again) on the same port; resolves once it listens. */
  async restart(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          PORT: String(this.port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          CHROMIUM_PATH: 'none',
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stderr.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`server did not start:\n${this.output.join('')}`));
      }, STARTUP_DEADLINE_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${String(code)}:\n${this.output.join('')}`));
      });
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        this.output.push(line);
        if (this.output.length > 500) this.output.shift();
        const parsed = listening.safeParse(safeJson(line));
        if (parsed.success) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** The process is running (it has not exited since its last start). */
  get alive(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** `kill -9`: no shutdown, no goodbye to anyone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // Not a log line of ours (tsx or Node may print plain text).
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
    while (!(await answers(this.url))) {
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

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined); // A refused probe is the answer "not yet".
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
