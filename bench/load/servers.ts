import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../packages/server/test/support/free-port.js';
import { stopChild, track } from './children.js';

/** One server process under load: ours or the relay. */
export interface ServerProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Prints a child's first few log lines, then only counts them (LOG_LEVEL=warn is still chatty under load). */
function relayLogs(child: ChildProcess, label: string): void {
  if (!child.stdout) return;
  let lines = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines++;
    if (lines <= 5) console.log(`  [${label}] ${line.slice(0, 300)}`);
    else if (lines === 6) console.log(`  [${label}] (more log lines not shown)`);
  });
}

async function waitHealthy(child: ChildProcess, url: string, label: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited at start (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch (error: unknown) {
      // Not listening yet: only a refused connection is expected here.
      if (!(error instanceof TypeError)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${label} not healthy within 30 s`);
}

async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...env, PORT: String(port) },
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${label} did not start`);
  relayLogs(child, label);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(child, url, label);
  } catch (error: unknown) {
    await stopChild(child, 1000, 'SIGKILL');
    throw error;
  }
  return { pid, url, stop: () => stopChild(child, 5000) };
}

/** Settings of our server under load. */
export interface AppSettings {
  entry: string;
  tiktokOrigin: string;
  redis?: { url: string; keyPrefix: string } | undefined;
  /**
   * `generous` (default): limits high enough not to be what is measured (the load group);
   * `defaults`: the server's own defaults, as deployed (the flood group).
   */
  limits?: 'generous' | 'defaults';
  /** More settings of the server (e.g. METRICS_TOKEN). */
  env?: Record<string, string>;
}

/** Limits high enough that the load group measures the server's work, not its refusals. */
const GENEROUS_LIMITS = {
  MAX_ROOMS: '100000',
  SOCKET_EVENTS_PER_SECOND: '1000',
  SOCKET_EVENTS_BURST: '2000',
  ADDRESS_EVENTS_PER_SECOND: '100000',
  // The crowd measure puts 1,000 people in one room; every room is queued by its own
  // first member, so the resolve budget is not what is measured either.
  MAX_ROOM_MEMBERS: '100000',
  RESOLVE_RATE_PER_MINUTE: '100000',
};

/** Settings of the caller's environment that never reach the server. */
const KEPT_OUT = new Set([
  'BENCH_CPU_PROF_DIR',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'SESSION_SECRET',
  'METRICS_TOKEN',
  'MAX_CONNECTIONS_PER_IP',
  'FLOOD_COOLDOWN_SECONDS',
  'ROOMS_PER_IP_PER_MINUTE',
  'TRUST_PROXY',
  ...Object.keys(GENEROUS_LIMITS),
]);

/**
 * The built server (`packages/server/dist/main.js`, the private copy) in a child process,
 * with its own empty DATA_DIR (snapshots, session secret), removed when it stops.
 */
export async function startApp(settings: AppSettings, label = 'app'): Promise<ServerProcess> {
  // Nothing of the caller's own server settings leaks in: Redis only when asked for.
  // Nor any limit of the caller's: the generous ones or the server's defaults.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !KEPT_OUT.has(name)),
  );
  const limits = settings.limits === 'defaults' ? {} : GENEROUS_LIMITS;
  const dataDir = await mkdtemp(join(tmpdir(), 'wt-loadbench-data-'));
  const removeData = () => rm(dataDir, { recursive: true, force: true });
  let server: ServerProcess;
  try {
    server = await startProcess(
      [...profilingFlags(), settings.entry],
      {
        ...env,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...limits,
        SHUTDOWN_GRACE_SECONDS: '3',
        CHROMIUM_PATH: 'none',
        TIKTOK_ORIGIN: settings.tiktokOrigin,
        DATA_DIR: dataDir,
        ...(settings.redis
          ? { REDIS_URL: settings.redis.url, REDIS_KEY_PREFIX: settings.redis.keyPrefix }
          : {}),
        ...settings.env,
      },
      label,
    );
  } catch (error: unknown) {
    await removeData();
    throw error;
  }
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await removeData();
    },
  };
}

/**
 * Node flags for looking inside the servers (ours and the relay alike, to compare like with
 * like): `BENCH_CPU_PROF_DIR`, a V8 CPU profile of each process written there when it
 * stops (wall-clock samples: a process the kernel preempted shows that time in whatever
 * it was doing, often `writev`); `BENCH_PERF_DIR`, JIT symbols for Linux `perf` (on-CPU
 * samples: `/tmp/perf-<pid>.map`, V8's own log in that directory).
 */
function profilingFlags(): string[] {
  const cpuProfileDir = process.env.BENCH_CPU_PROF_DIR;
  const perfDir = process.env.BENCH_PERF_DIR;
  return [
    ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    ...(perfDir ? ['--perf-basic-prof', `--logfile=${join(perfDir, 'v8-%p.log')}`] : []),
  ];
}

/** The baseline: a plain Socket.io relay (`relay.ts`) in a child process. */
export function startRelay(): Promise<ServerProcess> {
  return startProcess(
    [
      ...profilingFlags(),
      '--conditions=source',
      '--import',
      'tsx',
      new URL('./relay.ts', import.meta.url).pathname,
    ],
    process.env,
    'relay',
  );
}
