import type { Bystander, Window } from './bystander.js';
import type { FloodKind, FloodStats } from './ipc.js';
import type { PhaseResult } from './phases.js';
import { zeroCounters, type ServerCounters } from './server-metrics.js';

/**
 * One kind of phase (no flood, or one flood) over every round: the bystander's samples of
 * all its windows together, the server's and the flooder's counts summed.
 */
export interface PooledPhase {
  label: string;
  kind: FloodKind | undefined;
  window: Window;
  /** Each round's own window, in order: how much the machine moved between rounds. */
  rounds: PhaseResult[];
  /** Server CPU over all the measured windows, cores. */
  serverCores: number;
  server: ServerCounters;
  flood: FloodStats | undefined;
}

function sumCounters(all: readonly ServerCounters[]): ServerCounters {
  const total = zeroCounters();
  for (const c of all) {
    total.ok += c.ok;
    total.rateLimited += c.rateLimited;
    total.otherErrors += c.otherErrors;
    total.floodDisconnects += c.floodDisconnects;
    total.connectionsRefused += c.connectionsRefused;
    total.coolingRefused += c.coolingRefused;
    total.activeRooms += c.activeRooms;
  }
  return total;
}

function sumFloods(all: readonly FloodStats[]): FloodStats | undefined {
  if (all.length === 0) return undefined;
  const acks: Record<string, number> = {};
  for (const stats of all) {
    for (const [outcome, count] of Object.entries(stats.acks)) {
      acks[outcome] = (acks[outcome] ?? 0) + count;
    }
  }
  const disconnects = all.reduce((n, s) => n + s.disconnectedByServer, 0);
  return {
    connected: all.reduce((n, s) => n + s.connected, 0),
    connectRefused: all.reduce((n, s) => n + s.connectRefused, 0),
    disconnectedByServer: disconnects,
    droppedOtherwise: all.reduce((n, s) => n + s.droppedOtherwise, 0),
    sent: all.reduce((n, s) => n + s.sent, 0),
    acks,
    refusalToDisconnectMaxMs: Math.max(...all.map((s) => s.refusalToDisconnectMaxMs)),
    // Each round's mean weighted by its disconnects.
    refusalToDisconnectMeanMs:
      disconnects === 0
        ? 0
        : all.reduce((n, s) => n + s.refusalToDisconnectMeanMs * s.disconnectedByServer, 0) /
          disconnects,
    cpuSeconds: all.reduce((n, s) => n + s.cpuSeconds, 0),
  };
}

/** The phases of every round, pooled by kind, in the order each kind first ran. */
export function poolPhases(phases: readonly PhaseResult[], bystander: Bystander): PooledPhase[] {
  const kinds: Array<FloodKind | undefined> = [];
  for (const phase of phases) if (!kinds.includes(phase.kind)) kinds.push(phase.kind);
  return kinds.map((kind) => {
    const rounds = phases.filter((phase) => phase.kind === kind);
    const measuredMs = rounds.reduce((n, p) => n + p.measuredMs, 0);
    return {
      label: rounds[0]?.label ?? '?',
      kind,
      window: bystander.window(...rounds.map((p) => p.range)),
      rounds,
      serverCores:
        measuredMs === 0
          ? 0
          : rounds.reduce((n, p) => n + p.serverCores * p.measuredMs, 0) / measuredMs,
      server: sumCounters(rounds.map((p) => p.server)),
      flood: sumFloods(rounds.flatMap((p) => (p.flood ? [p.flood] : []))),
    };
  });
}
