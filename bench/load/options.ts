import { z } from 'zod';

const count = z.coerce.number().int().positive();
const seconds = z.coerce.number().positive();
/** A comma-separated list. */
const parts = z.string().transform((text) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== ''),
);

export const LoadMode = { memory: 'memory', redis1: 'redis-1', redis2: 'redis-2' } as const;
export type LoadMode = (typeof LoadMode)[keyof typeof LoadMode];

/**
 * The load benchmark's settings (environment, all optional). A quick run:
 * `BENCH_LOAD_STEPS=500,2000 BENCH_LOAD_HOLD_S=8 npm run bench -- load`.
 */
const envSchema = z.object({
  /** Clients of each step. */
  BENCH_LOAD_STEPS: parts
    .transform((values) => values.map(Number))
    .pipe(z.array(z.number().int().positive()).min(1))
    .default([2000, 5000, 10000, 18000]),
  /** Seconds of measured traffic per step, once every client has joined. */
  BENCH_LOAD_HOLD_S: seconds.default(20),
  /**
   * Seconds of traffic before the measurement starts: long enough that the last joiners'
   * follow-up clock bursts (10 s after their join, as the page's) and each room's first clip
   * (queued as the joins end) are behind, so the hold measures the steady state of chatting
   * rooms for both servers; joining is measured on its own (the crowd).
   */
  BENCH_LOAD_WARMUP_S: seconds.default(12),
  /** Longest wait for a step's clients to connect and join, s. */
  BENCH_LOAD_JOIN_TIMEOUT_S: seconds.default(180),
  /** Clients per generator process (each process may hold at most 20,000 open files). */
  BENCH_LOAD_PER_WORKER: count.max(15_000).default(2500),
  BENCH_LOAD_ROOM_SIZE: count.min(2).default(10),
  /** `memory`, `redis-1` (one process with Redis), `redis-2` (two processes with Redis). */
  BENCH_LOAD_MODES: parts
    .pipe(z.array(z.enum(Object.values(LoadMode))).min(1))
    .default(Object.values(LoadMode)),
  /** Clients joining one room in the "join one room" measure (0: skip it). */
  BENCH_LOAD_CROWD: z.coerce.number().int().min(0).default(1000),
  /** Redis for the Redis modes; the bench deletes its keys afterwards. */
  BENCH_LOAD_REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
});

export interface LoadOptions {
  steps: number[];
  holdMs: number;
  warmupMs: number;
  joinTimeoutMs: number;
  perWorker: number;
  roomSize: number;
  modes: LoadMode[];
  crowd: number;
  redisUrl: string;
}

export function loadOptions(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('BENCH_LOAD_') && value !== ''),
  );
  const e = envSchema.parse(present);
  return {
    steps: e.BENCH_LOAD_STEPS,
    holdMs: e.BENCH_LOAD_HOLD_S * 1000,
    warmupMs: e.BENCH_LOAD_WARMUP_S * 1000,
    joinTimeoutMs: e.BENCH_LOAD_JOIN_TIMEOUT_S * 1000,
    perWorker: e.BENCH_LOAD_PER_WORKER,
    roomSize: e.BENCH_LOAD_ROOM_SIZE,
    modes: e.BENCH_LOAD_MODES,
    crowd: e.BENCH_LOAD_CROWD,
    redisUrl: e.BENCH_LOAD_REDIS_URL,
  };
}
