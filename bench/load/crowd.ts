import type { LoadOptions } from './options.js';
import { cpuSeconds } from './proc.js';
import { streamLength } from './redis.js';
import type { Target } from './step.js';
import { startPool } from './workers.js';

/** How long server CPU must stay flat after the last join to call the room settled, ms. */
const QUIET_MS = 1000;
const SETTLE_LIMIT_MS = 120_000;

export interface CrowdResult {
  clients: number;
  joined: number;
  failed: number;
  firstError: string | undefined;
  joinMs: number;
  /** Server CPU (all processes) from before the first connection until settled, s. */
  cpuSeconds: number;
  /** From the last join until server CPU was flat (the end of the CPU window), ms. */
  settleMs: number;
  /** Entries written to the processes' shared Redis stream per join (Redis modes only). */
  streamEntriesPerJoin: number | undefined;
  /**
   * Packets of room changes each member received per join (ours; the relay sends none):
   * one per join unbatched, far fewer when a busy room's changes travel together.
   */
  deltaPacketsPerMemberPerJoin: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpu = async (target: Target): Promise<number> =>
  (await Promise.all(target.servers.map((s) => cpuSeconds(s.pid)))).reduce((a, b) => a + b, 0);

/**
 * "1,000 people joining one room": `clients` connect and join one room (50 at a time,
 * as fast as they can), all staying; the server CPU they cost, until its broadcasts are done.
 */
export async function runCrowd(
  target: Target,
  clients: number,
  options: LoadOptions,
): Promise<CrowdResult> {
  await sleep(500);
  const { stream } = target;
  const entries = async () => (stream ? streamLength(stream.url, stream.key) : 0);
  const entriesBefore = await entries();
  const before = await cpu(target);
  const pool = await startPool({
    flavor: target.flavor,
    urls: target.servers.map((server) => server.url),
    rooms: [{ id: 'crowd', size: clients }],
    perWorker: Math.max(clients, options.perWorker),
    joinTimeoutMs: options.joinTimeoutMs,
    traffic: false,
  });
  try {
    const joinedAt = Date.now();
    const deadline = joinedAt + SETTLE_LIMIT_MS;
    let last = await cpu(target);
    while (Date.now() < deadline) {
      await sleep(QUIET_MS);
      const current = await cpu(target);
      if (current - last < 0.02) break;
      last = current;
    }
    const packets = (await pool.report()).reduce((sum, stats) => sum + stats.deltaPackets, 0);
    const members = Math.max(1, pool.joined.joined);
    return {
      clients,
      joined: pool.joined.joined,
      failed: pool.joined.failed,
      firstError: pool.joined.firstError,
      joinMs: pool.joined.ms,
      cpuSeconds: (await cpu(target)) - before,
      settleMs: Date.now() - joinedAt,
      streamEntriesPerJoin: stream
        ? ((await entries()) - entriesBefore) / Math.max(1, pool.joined.joined)
        : undefined,
      deltaPacketsPerMemberPerJoin:
        target.flavor === 'app' ? packets / members / members : undefined,
    };
  } finally {
    await pool.stop();
  }
}
