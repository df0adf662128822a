import { Histogram } from './histogram.js';
import type { Flavor, WorkerStats } from './ipc.js';
import type { LoadOptions } from './options.js';
import { cpuSeconds, rssBytes } from './proc.js';
import type { ServerProcess } from './servers.js';
import { now } from './tally.js';
import { startPool, type Pool } from './workers.js';

/** After the window, late deliveries are awaited while they still come in, this long at most, ms. */
const SETTLE_LIMIT_MS = 15_000;
const SETTLE_POLL_MS = 1000;

/** The server(s) a step runs against. */
export interface Target {
  flavor: Flavor;
  servers: ServerProcess[];
  /**
   * The Socket.io adapter's Redis stream the servers share (Redis modes only): every
   * event that crosses processes is an entry there.
   */
  stream?: { url: string; key: string } | undefined;
}

export interface StepResult {
  clients: number;
  joined: number;
  failed: number;
  firstError: string | undefined;
  joinMs: number;
  disconnects: number;
  sent: number;
  expected: number;
  received: number;
  p50: number | undefined;
  p99: number | undefined;
  pingP99: number | undefined;
  /** Server RSS (all processes) before clients connected and at the end of the hold. */
  rssBefore: number;
  rssAfter: number;
  bytesPerClient: number;
  /** Server CPU (all processes) during the hold, seconds per second. */
  cpuLoad: number;
  playerStates: number;
  refused: Record<string, number>;
  /** The worst generator process's event-loop delay p99 in the window, ms. */
  loopDelayP99: number;
  /** The generator's CPU (all its processes) during the hold, seconds per second. */
  generatorCpuLoad: number;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const rss = async (target: Target) =>
  sum(await Promise.all(target.servers.map((s) => rssBytes(s.pid))));
const cpu = async (pids: number[]) => sum(await Promise.all(pids.map((pid) => cpuSeconds(pid))));

function merge(stats: WorkerStats[]) {
  const latency = new Histogram();
  const pingRtt = new Histogram();
  const refused: Record<string, number> = {};
  for (const s of stats) {
    latency.merge(s.latency);
    pingRtt.merge(s.pingRtt);
    for (const [code, count] of Object.entries(s.refused))
      refused[code] = (refused[code] ?? 0) + count;
  }
  const total = (key: 'disconnects' | 'sent' | 'expected' | 'received' | 'playerStates') =>
    sum(stats.map((s) => s[key]));
  return {
    disconnects: total('disconnects'),
    sent: total('sent'),
    expected: total('expected'),
    received: total('received'),
    playerStates: total('playerStates'),
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    pingP99: pingRtt.percentile(99),
    refused,
    loopDelayP99: Math.max(0, ...stats.map((s) => s.loopDelayP99)),
  };
}

/** Reports once every delivery expected has arrived, or none came in for a poll, or at the limit. */
async function settled(pool: Pool): Promise<WorkerStats[]> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let stats = await pool.report();
  let received = -1;
  while (Date.now() < deadline) {
    const expected = sum(stats.map((s) => s.expected));
    const arrived = sum(stats.map((s) => s.received));
    if (arrived >= expected || arrived === received) break;
    received = arrived;
    await sleep(SETTLE_POLL_MS);
    stats = await pool.report();
  }
  return stats;
}

/**
 * One step: `clients` in rooms of `roomSize` connect and join, run the rooms' traffic for
 * the warm-up and the hold, then report. The target's servers are fresh (started for it).
 */
export async function runStep(
  target: Target,
  clients: number,
  options: LoadOptions,
  videoUrl: string | undefined,
): Promise<StepResult> {
  await sleep(500);
  const rssBefore = await rss(target);
  const rooms = Array.from({ length: Math.ceil(clients / options.roomSize) }, (_, index) => ({
    id: `load-${index}`,
    size: Math.min(options.roomSize, clients - index * options.roomSize),
  }));
  const pool = await startPool({
    flavor: target.flavor,
    urls: target.servers.map((server) => server.url),
    rooms,
    perWorker: options.perWorker,
    joinTimeoutMs: options.joinTimeoutMs,
    traffic: true,
    videoUrl,
  });
  try {
    const measureFrom = now() + options.warmupMs;
    const measureUntil = measureFrom + options.holdMs;
    pool.traffic(measureFrom, measureUntil);
    const serverPids = target.servers.map((server) => server.pid);
    const generatorPids = pool.pids();
    await sleep(measureFrom - now());
    const [cpuStart, generatorStart] = await Promise.all([cpu(serverPids), cpu(generatorPids)]);
    await sleep(measureUntil - now());
    const [cpuEnd, generatorEnd] = await Promise.all([cpu(serverPids), cpu(generatorPids)]);
    const rssAfter = await rss(target);
    const merged = merge(await settled(pool));
    return {
      clients,
      joined: pool.joined.joined,
      failed: pool.joined.failed,
      firstError: pool.joined.firstError,
      joinMs: pool.joined.ms,
      rssBefore,
      rssAfter,
      bytesPerClient: (rssAfter - rssBefore) / Math.max(1, pool.joined.joined),
      cpuLoad: (cpuEnd - cpuStart) / (options.holdMs / 1000),
      generatorCpuLoad: (generatorEnd - generatorStart) / (options.holdMs / 1000),
      ...merged,
    };
  } finally {
    await pool.stop();
  }
}
