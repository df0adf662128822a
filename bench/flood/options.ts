import { z } from 'zod';

const count = z.coerce.number().int().positive();
const seconds = z.coerce.number().positive();

/** The flood benchmark's settings (environment, all optional). */
const envSchema = z.object({
  /** Rounds of: no flood, then each flood (and no flood once more at the end). */
  BENCH_FLOOD_ROUNDS: count.max(20).default(3),
  /** Seconds measured per phase and round (the baseline and each flood). */
  BENCH_FLOOD_PHASE_S: seconds.default(8),
  /** Seconds a flood runs before its measurement starts. */
  BENCH_FLOOD_RAMP_S: seconds.default(2),
  /** Seconds of quiet after each flood, so the next phase starts on a settled server. */
  BENCH_FLOOD_SETTLE_S: seconds.default(3),
  /** The bystander's acknowledged events per second (its own budget is 20). */
  BENCH_FLOOD_RATE: count.max(19).default(16),
  /** Connections of the one-address flood (MAX_CONNECTIONS_PER_IP is 50: the rest keep asking). */
  BENCH_FLOOD_ADDRESS_CONNECTIONS: count.max(500).default(60),
  /** Connections of the room-creation flood. */
  BENCH_FLOOD_ROOM_CONNECTIONS: count.max(500).default(10),
});

export interface FloodOptions {
  rounds: number;
  phaseMs: number;
  rampMs: number;
  settleMs: number;
  rate: number;
  addressConnections: number;
  roomConnections: number;
}

export function floodOptions(env: NodeJS.ProcessEnv = process.env): FloodOptions {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('BENCH_FLOOD_') && value !== ''),
  );
  const e = envSchema.parse(present);
  return {
    rounds: e.BENCH_FLOOD_ROUNDS,
    phaseMs: e.BENCH_FLOOD_PHASE_S * 1000,
    rampMs: e.BENCH_FLOOD_RAMP_S * 1000,
    settleMs: e.BENCH_FLOOD_SETTLE_S * 1000,
    rate: e.BENCH_FLOOD_RATE,
    addressConnections: e.BENCH_FLOOD_ADDRESS_CONNECTIONS,
    roomConnections: e.BENCH_FLOOD_ROOM_CONNECTIONS,
  };
}
