import { z } from 'zod';

/**
 * The three floods: `connection` one connection sending as fast as it can, reconnecting
 * whenever it is dropped; `address` one address holding as many flooding connections as it
 * may (and asking for more); `rooms` one address joining new random rooms as fast as it can.
 */
export const FloodKind = z.enum(['connection', 'address', 'rooms']);
export type FloodKind = z.infer<typeof FloodKind>;

/** Orchestrator -> flooder process. */
export const toFlooder = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    kind: FloodKind,
    url: z.string(),
    /** Every connection of the flood comes from this loopback address. */
    localAddress: z.string(),
    connections: z.number().int().positive(),
    /** Events a connection keeps in flight (sent, not yet acknowledged). */
    window: z.number().int().positive(),
  }),
  z.object({ type: z.literal('stop') }),
]);
export type ToFlooder = z.infer<typeof toFlooder>;

export const floodStats = z.object({
  /** Handshakes that opened a connection, and those the server refused. */
  connected: z.number().int(),
  connectRefused: z.number().int(),
  /** Connections the server closed (`io server disconnect`) or that dropped otherwise. */
  disconnectedByServer: z.number().int(),
  droppedOtherwise: z.number().int(),
  sent: z.number().int(),
  /** Acknowledgements by outcome: `ok` or the error code. */
  acks: z.record(z.string(), z.number().int()),
  /** From a connection's first refusal to its disconnect, ms: the slowest, and the mean. */
  refusalToDisconnectMaxMs: z.number(),
  refusalToDisconnectMeanMs: z.number(),
  /** The flooder's own CPU, s. */
  cpuSeconds: z.number(),
});
export type FloodStats = z.infer<typeof floodStats>;

/** Flooder process -> orchestrator. */
export const fromFlooder = z.discriminatedUnion('type', [
  /** Its first connection is open: the flood is on. */
  z.object({ type: z.literal('started') }),
  z.object({ type: z.literal('stopped'), stats: floodStats }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromFlooder = z.infer<typeof fromFlooder>;
