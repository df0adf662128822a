import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuSeconds } from '../load/proc.js';
import type { ServerProcess } from '../load/servers.js';
import type { Bystander, Window } from './bystander.js';
import { startFlood, type FloodSpec } from './floods.js';
import type { FloodKind, FloodStats } from './ipc.js';
import type { FloodOptions } from './options.js';
import { difference, scrapeCounters, type ServerCounters } from './server-metrics.js';

/** One measured phase: no flood, or one of the floods. */
export interface PhaseResult {
  label: string;
  kind: FloodKind | undefined;
  /** The bystander's acknowledgements sent within the measured window. */
  window: Window;
  /** Server CPU over the measured window, cores. */
  serverCores: number;
  /** 1-minute load average as the phase started. */
  load: string;
  /** What the server counted from the flood's start to its stop. */
  server: ServerCounters;
  flood: FloodStats | undefined;
  measuredMs: number;
  /** The measured window, performance.now() ms. */
  range: [from: number, until: number];
  /** The bench process's own event-loop delay p99 in the window, ms: a starved bystander shows here. */
  bystanderLoopP99: number;
}

export const METRICS_TOKEN = `flood-bench-${randomBytes(12).toString('hex')}`;

/** Each flood's own source address, so no flood inherits another's spent budgets. */
export const FLOOD_ADDRESSES: Record<FloodKind, string> = {
  connection: '127.31.0.1',
  address: '127.32.0.1',
  rooms: '127.33.0.1',
};

export const FLOOD_LABELS: Record<FloodKind, string> = {
  connection: 'one connection, as fast as it can, reconnecting',
  address: 'one address, many connections',
  rooms: 'room creation from one address',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one phase: the flood `kind` (none: the baseline) while the bystander is timed. */
export async function runPhase(
  server: ServerProcess,
  bystander: Bystander,
  options: FloodOptions,
  kind: FloodKind | undefined,
  label: string,
): Promise<PhaseResult> {
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const before = await scrapeCounters(server.url, METRICS_TOKEN);
  const spec: FloodSpec | undefined =
    kind === undefined
      ? undefined
      : {
          kind,
          url: server.url,
          localAddress: FLOOD_ADDRESSES[kind],
          connections:
            kind === 'connection'
              ? 1
              : kind === 'address'
                ? options.addressConnections
                : options.roomConnections,
          window: kind === 'connection' ? 2000 : 200,
        };
  // On a failure the group's `killAll` ends the flooder.
  const flood = spec ? await startFlood(spec) : undefined;
  if (flood) await sleep(options.rampMs);
  const cpuFrom = await cpuSeconds(server.pid);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const from = performance.now();
  await sleep(options.phaseMs);
  const until = performance.now();
  loop.disable();
  const cpuUntil = await cpuSeconds(server.pid);
  const stats = await flood?.stop();
  // The last acknowledgements of the window may still be on their way.
  await sleep(flood ? options.settleMs : 1000);
  const after = await scrapeCounters(server.url, METRICS_TOKEN);
  return {
    label,
    kind,
    window: bystander.window([from, until]),
    serverCores: (cpuUntil - cpuFrom) / ((until - from) / 1000),
    load,
    server: difference(before, after),
    flood: stats,
    measuredMs: until - from,
    range: [from, until],
    bystanderLoopP99: loop.percentile(99) / 1e6,
  };
}
