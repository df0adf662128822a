import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';

const ACK_TIMEOUT_MS = 10_000;
const ackSchema = z.object({ ok: z.boolean(), error: z.object({ code: z.string() }).optional() });

/** One acknowledged event of the bystander. */
export interface Sample {
  /** performance.now() at the emit. */
  sentAt: number;
  event: 'time_sync' | 'send_message';
  /** Round trip to the acknowledgement, ms (undefined: none within 10 s). */
  rttMs: number | undefined;
  /** `ok`, the error code, or `timeout`. */
  outcome: string;
}

/** What the bystander saw in one window. */
export interface Window {
  sent: number;
  answered: number;
  refused: number;
  lost: number;
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
}

const percentile = (sorted: readonly number[], p: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * A person in another room, on their own address: one connection, in its own room, sending
 * `rate` acknowledged events a second, clock pings and chat lines in turn, and timing each
 * acknowledgement. Runs in the orchestrator's process, which floods never load.
 */
export class Bystander {
  readonly samples: Sample[] = [];
  private readonly socket: Socket;
  private readonly roomId = `bystander-${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private turn = 0;
  disconnects = 0;

  constructor(url: string, localAddress: string) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 10_000,
      transportOptions: { websocket: { localAddress } },
    });
    this.socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.disconnects++;
    });
  }

  /** Connects and joins its room. */
  async join(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => {
        resolve();
      });
      this.socket.once('connect_error', reject);
    });
    const ack = ackSchema.parse(
      await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join_room', {
        roomId: this.roomId,
        userId: 'bystander',
        name: 'Bystander',
        protocolVersion: 3,
      }),
    );
    if (!ack.ok) throw new Error(`the bystander could not join: ${ack.error?.code ?? '?'}`);
  }

  /** Sends `rate` events a second until `stop`. */
  start(rate: number): void {
    this.timer = setInterval(() => {
      void this.once();
    }, 1000 / rate);
  }

  stop(): void {
    clearInterval(this.timer);
    this.socket.close();
  }

  /** The samples sent within any of the ranges [from, until) (performance.now() ms). */
  window(...ranges: Array<[from: number, until: number]>): Window {
    const inside = this.samples.filter((s) =>
      ranges.some(([from, until]) => s.sentAt >= from && s.sentAt < until),
    );
    const rtts = inside
      .filter((s) => s.outcome === 'ok' && s.rttMs !== undefined)
      .map((s) => s.rttMs ?? 0)
      .sort((a, b) => a - b);
    return {
      sent: inside.length,
      answered: rtts.length,
      refused: inside.filter((s) => s.outcome !== 'ok' && s.outcome !== 'timeout').length,
      lost: inside.filter((s) => s.outcome === 'timeout').length,
      p50: percentile(rtts, 50),
      p95: percentile(rtts, 95),
      p99: percentile(rtts, 99),
      max: rtts.at(-1),
    };
  }

  private async once(): Promise<void> {
    const event = this.turn++ % 2 === 0 ? 'time_sync' : 'send_message';
    const payload =
      event === 'time_sync'
        ? { clientTime: Date.now() }
        : { roomId: this.roomId, message: `still here ${this.turn}` };
    const sentAt = performance.now();
    const sample: Sample = { sentAt, event, rttMs: undefined, outcome: 'timeout' };
    this.samples.push(sample);
    let raw: unknown;
    try {
      raw = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch (error: unknown) {
      // Socket.io rejects when no acknowledgement came in time (or the connection closed).
      if (!(error instanceof Error)) throw error;
      return;
    }
    sample.rttMs = performance.now() - sentAt;
    const parsed = ackSchema.safeParse(raw);
    sample.outcome = !parsed.success
      ? 'unreadable'
      : parsed.data.ok
        ? 'ok'
        : (parsed.data.error?.code ?? 'error');
  }
}
