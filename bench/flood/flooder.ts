/**
 * A flood in its own process (forked by `floods.ts`), so the attacker's CPU is not the
 * bystander's: every connection from one loopback address, each keeping `window` events in
 * flight with acknowledgements, reconnecting at once whenever it is dropped or refused.
 * On `stop` it closes everything and reports what it saw.
 */
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  fromFlooder,
  toFlooder,
  type FloodStats,
  type FromFlooder,
  type ToFlooder,
} from './ipc.js';

type Start = Extract<ToFlooder, { type: 'start' }>;

/** Events emitted in one go before the loop lets acknowledgements in. */
const SLICE = 256;
const ackSchema = z.object({ ok: z.boolean(), error: z.object({ code: z.string() }).optional() });

const stats: Omit<FloodStats, 'cpuSeconds'> = {
  connected: 0,
  connectRefused: 0,
  disconnectedByServer: 0,
  droppedOtherwise: 0,
  sent: 0,
  acks: {},
  refusalToDisconnectMaxMs: 0,
  refusalToDisconnectMeanMs: 0,
};
let refusalToDisconnectTotal = 0;
let refusalToDisconnectCount = 0;
let running = false;
const connections: FloodConnection[] = [];
const flood = `flood-${randomBytes(6).toString('hex')}`;

const post = (message: FromFlooder): void => {
  if (!process.send) throw new Error('flooder.ts runs as a forked child only');
  process.send(fromFlooder.parse(message));
};

/** One flooding connection, opened again whenever it closes. */
class FloodConnection {
  private socket: Socket | undefined;
  private inFlight = 0;
  private scheduled = false;
  private firstRefusalAt: number | undefined;
  private count = 0;

  constructor(
    private readonly spec: Start,
    private readonly index: number,
  ) {}

  open(): void {
    if (!running) return;
    const socket = io(this.spec.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 10_000,
      transportOptions: { websocket: { localAddress: this.spec.localAddress } },
    });
    this.socket = socket;
    this.inFlight = 0;
    this.firstRefusalAt = undefined;
    socket.once('connect', () => {
      if (stats.connected === 0) post({ type: 'started' });
      stats.connected++;
      if (this.spec.kind !== 'rooms') this.emit(socket, 'join_room', this.join(flood));
      this.pump(socket);
    });
    socket.once('connect_error', () => {
      stats.connectRefused++;
      socket.close();
      setImmediate(() => {
        this.open();
      });
    });
    socket.once('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      if (reason === 'io server disconnect') stats.disconnectedByServer++;
      else stats.droppedOtherwise++;
      if (this.firstRefusalAt !== undefined) {
        const ms = performance.now() - this.firstRefusalAt;
        refusalToDisconnectTotal += ms;
        refusalToDisconnectCount++;
        stats.refusalToDisconnectMaxMs = Math.max(stats.refusalToDisconnectMaxMs, ms);
      }
      setImmediate(() => {
        this.open();
      });
    });
  }

  close(): void {
    this.socket?.close();
  }

  private join(roomId: string): object {
    const userId = `f${this.index}-${randomBytes(4).toString('hex')}`;
    return { roomId, userId, name: 'Flood', protocolVersion: 3 };
  }

  /** The next event of this flood: a chat line, or a join of a new random room. */
  private next(): [string, object] {
    this.count++;
    if (this.spec.kind === 'rooms') {
      return ['join_room', this.join(`fr-${randomBytes(12).toString('base64url')}`)];
    }
    return ['send_message', { roomId: flood, message: `flood ${this.count}` }];
  }

  private emit(socket: Socket, event: string, payload: object): void {
    this.inFlight++;
    stats.sent++;
    socket.emit(event, payload, (ack: unknown) => {
      this.answered(socket, ack);
    });
  }

  /** Keeps `window` events in flight, `SLICE` at a time. */
  private pump(socket: Socket): void {
    this.scheduled = false;
    let emitted = 0;
    while (running && socket.connected && this.inFlight < this.spec.window && emitted < SLICE) {
      const [event, payload] = this.next();
      this.emit(socket, event, payload);
      emitted++;
    }
    if (running && socket.connected && this.inFlight < this.spec.window) this.schedule(socket);
  }

  private schedule(socket: Socket): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.pump(socket);
    });
  }

  private answered(socket: Socket, raw: unknown): void {
    if (socket !== this.socket) return;
    this.inFlight--;
    const parsed = ackSchema.safeParse(raw);
    const outcome = !parsed.success
      ? 'unreadable'
      : parsed.data.ok
        ? 'ok'
        : (parsed.data.error?.code ?? 'error');
    stats.acks[outcome] = (stats.acks[outcome] ?? 0) + 1;
    if (outcome === 'RATE_LIMITED') this.firstRefusalAt ??= performance.now();
    this.schedule(socket);
  }
}

function start(spec: Start): void {
  running = true;
  for (let index = 0; index < spec.connections; index++) {
    const connection = new FloodConnection(spec, index);
    connections.push(connection);
    connection.open();
  }
}

function stop(): void {
  running = false;
  for (const connection of connections) connection.close();
  const cpu = process.cpuUsage();
  post({
    type: 'stopped',
    stats: {
      ...stats,
      refusalToDisconnectMeanMs:
        refusalToDisconnectCount === 0 ? 0 : refusalToDisconnectTotal / refusalToDisconnectCount,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    },
  });
  setTimeout(() => process.exit(0), 200);
}

process.on('message', (raw: unknown) => {
  const message = toFlooder.parse(raw);
  if (message.type === 'start') start(message);
  else stop();
});
process.on('disconnect', () => process.exit(0));
