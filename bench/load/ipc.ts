import { z } from 'zod';
import { sparseHistogram } from './histogram.js';

/** Which server the generator talks to: ours (the app's events) or the plain relay. */
export const Flavor = z.enum(['app', 'relay']);
export type Flavor = z.infer<typeof Flavor>;

/** Orchestrator -> generator worker. */
export const toWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('setup'),
    flavor: Flavor,
    /** A room's members go to these servers in turn (two processes: a room on both). */
    urls: z.array(z.string()).min(1),
    /** Second byte of this worker's source addresses: its clients are 127.<block>.x.y. */
    addressBlock: z.number().int().min(1).max(254),
    rooms: z.array(z.object({ id: z.string(), size: z.number().int().positive() })),
    /** Unique per worker: user ids and chat stamps carry it. */
    idPrefix: z.string(),
    /** Connections opening at once. */
    joinConcurrency: z.number().int().positive(),
    /** Chat, play/pause/seek, clock pings and reports after the join (false: join only). */
    traffic: z.boolean(),
    /** The clip the room's first member queues (ours only), so play/pause/seek act. */
    videoUrl: z.string().optional(),
  }),
  /** Start the traffic; what is sent in [measureFrom, measureUntil) is measured (epoch ms). */
  z.object({ type: z.literal('traffic'), measureFrom: z.number(), measureUntil: z.number() }),
  z.object({ type: z.literal('report') }),
  z.object({ type: z.literal('stop') }),
]);
export type ToWorker = z.infer<typeof toWorker>;

export const workerStats = z.object({
  joined: z.number().int(),
  /** Connections that dropped after joining. */
  disconnects: z.number().int(),
  /** Chat messages sent in the window, and deliveries to the other members expected/seen. */
  sent: z.number().int(),
  expected: z.number().int(),
  received: z.number().int(),
  /** Send to receive of each delivery, ms. */
  latency: sparseHistogram,
  /** Clock ping round trips in the window, ms. */
  pingRtt: sparseHistogram,
  /** Refused acknowledgements by error code (and `timeout`). */
  refused: z.record(z.string(), z.number().int()),
  /** `player_state` events received in the window. */
  playerStates: z.number().int(),
  /** `room_delta` and `room_deltas` packets received since the start (the crowd's joins). */
  deltaPackets: z.number().int(),
  /** The worker's own event-loop delay p99 in the window, ms: a starved generator shows here. */
  loopDelayP99: z.number(),
});
export type WorkerStats = z.infer<typeof workerStats>;

/** Generator worker -> orchestrator. */
export const fromWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    joined: z.number().int(),
    failed: z.number().int(),
    firstError: z.string().optional(),
  }),
  z.object({ type: z.literal('report'), stats: workerStats }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorker>;
