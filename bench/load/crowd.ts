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
  /**
   * The same crowd joining a second room right after, the first one's people staying:
   * server CPU on processes that have run the join path already (their code compiled),
   * what every room but a fresh process's first costs.
   */
  second: { joined: number; cpuSeconds: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpu = async (target: Target): Promise<number> =>
  (await Promise.all(target.servers.map((s) => cpuSeconds(s.pid)))).reduce((a, b) => a + b, 0);

/** Waits until server CPU has been flat for `QUIET_MS` (at most `SETTLE_LIMIT_MS`). */
async function settle(target: Target): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let last = await cpu(target);
  while (Date.now() < deadline) {
    await sleep(QUIET_MS);
    const current = await cpu(target);
    if (current - last < 0.02) return;
    last = current;
  }
}

/**
 * "1,000 people joining one room": `clients` connect and join one room (50 at a time,
 * as fast as they can), all staying; the server CPU they cost, until its broadcasts are
 * done. Then as many join a second room on the same processes (`second`).
 */
export async function runCrowd(
  target: Target,
  clients: number,
  options: LoadOptions,
): Promise<CrowdResult> {
  await sleep(500);
  const { stream } = target;
  const entries = async () => (stream ? streamLength(stream.url, stream.key) : 0);
  const join = (roomId: string) =>
    startPool({
      flavor: target.flavor,
      urls: target.servers.map((server) => server.url),
      rooms: [{ id: roomId, size: clients }],
      perWorker: Math.max(clients, options.perWorker),
      joinTimeoutMs: options.joinTimeoutMs,
      traffic: false,
    });
  const entriesBefore = await entries();
  const before = await cpu(target);
  const pool = await join('crowd');
  let second: Awaited<ReturnType<typeof join>> | undefined;
  try {
    const joinedAt = Date.now();
    await settle(target);
    const settleMs = Date.now() - joinedAt;
    const cpuSeconds = (await cpu(target)) - before;
    const packets = (await pool.report()).reduce((sum, stats) => sum + stats.deltaPackets, 0);
    const members = Math.max(1, pool.joined.joined);
    const streamEntriesPerJoin = stream
      ? ((await entries()) - entriesBefore) / Math.max(1, pool.joined.joined)
      : undefined;
    const secondBefore = await cpu(target);
    second = await join('crowd-2');
    await settle(target);
    return {
      clients,
      joined: pool.joined.joined,
      failed: pool.joined.failed + second.joined.failed,
      firstError: pool.joined.firstError ?? second.joined.firstError,
      joinMs: pool.joined.ms,
      cpuSeconds,
      settleMs,
      streamEntriesPerJoin,
      deltaPacketsPerMemberPerJoin:
        target.flavor === 'app' ? packets / members / members : undefined,
      second: { joined: second.joined.joined, cpuSeconds: (await cpu(target)) - secondBefore },
    };
  } finally {
    await second?.stop();
    await pool.stop();
  }
}
