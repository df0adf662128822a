import { PROTOCOL_VERSION } from '@wt/protocol';
import { CLOCK_DEFAULTS } from '../../packages/web/src/lib/clock.js';
import { z } from 'zod';
import type { Flavor } from './ipc.js';
import { now, type Tally } from './tally.js';
import { AckTimeout, WireSocket } from './wire-socket.js';

const ACK_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 30_000;
const ackSchema = z.object({
  ok: z.boolean(),
  error: z.object({ code: z.string() }).optional(),
  serverTime: z.number().optional(),
});
const chatSchema = z.object({ text: z.string() });
const playerStateSchema = z.object({ epoch: z.number().int().optional() });
/** Protocol 3: a room's changes in envelopes; only the kinds the generator measures are read. */
const deltaSchema = z.object({
  changes: z.array(
    z.object({ kind: z.string(), message: z.unknown().optional(), state: z.unknown().optional() }),
  ),
});
/** Chat text of the generator: `lb <sender> <send time, epoch ms>`. */
const STAMP = /^lb (\S+) (\d+(?:\.\d+)?)$/;

export interface ClientSpec {
  flavor: Flavor;
  url: string;
  localAddress: string;
  roomId: string;
  userId: string;
  tally: Tally;
  /** Members of the room still connected (the room's own count, for expected deliveries). */
  room: { connected: number };
}

/**
 * One simulated person, as the web client behaves on the wire: WebSocket only, a first
 * visit (no session token), joins with the protocol's `PROTOCOL_VERSION`. Its clock pings follow
 * the web client's `ServerClock` (`CLOCK_DEFAULTS`, imported so the two cannot drift apart): a
 * burst at once before the join, follow-up bursts in the first seconds, then a burst every
 * `refreshIntervalMs`; each burst ends with a `sync_report` of its round trip, as the page's
 * does. Each new playback decision is answered with a ready report. Chats and controls playback
 * when told.
 */
export class SimClient {
  private readonly socket: WireSocket;
  private readonly timers: NodeJS.Timeout[] = [];
  private rttMs = 0;
  private reportedEpoch = -1;
  private connected = false;
  private joinedAt = 0;

  constructor(private readonly spec: ClientSpec) {
    this.socket = new WireSocket(spec.url, spec.localAddress);
  }

  /** Connects and joins; rejects with the reason on failure. */
  async join(): Promise<void> {
    const { socket, spec } = this;
    await socket.connect(CONNECT_TIMEOUT_MS);
    socket.on('new_message', (message: unknown) => {
      this.onChat(message);
    });
    socket.on('player_state', (state: unknown) => {
      this.onPlayerState(state);
    });
    socket.on('room_delta', (delta: unknown) => {
      spec.tally.deltaPackets++;
      this.onDelta(delta);
    });
    // A busy room's envelopes travel together (`room_deltas`), still one per revision.
    socket.on('room_deltas', (deltas: unknown) => {
      spec.tally.deltaPackets++;
      if (!Array.isArray(deltas)) return;
      const list: unknown[] = deltas;
      for (const delta of list) this.onDelta(delta);
    });
    socket.onDisconnect(() => {
      if (!this.connected) return;
      this.connected = false;
      spec.room.connected--;
      spec.tally.disconnects++;
    });
    // Both servers get the page's clock traffic (the relay answers `time_sync` too), so the
    // baseline carries the same pings as ours.
    this.joinedAt = now();
    void this.burst(CLOCK_DEFAULTS.initialPings, 0);
    const payload =
      spec.flavor === 'app'
        ? {
            roomId: spec.roomId,
            userId: spec.userId,
            name: spec.userId,
            protocolVersion: PROTOCOL_VERSION,
          }
        : { roomId: spec.roomId };
    const response = await this.request(spec.flavor === 'app' ? 'join_room' : 'join', payload);
    if (!response.ok) throw new Error(`join refused: ${response.error?.code ?? 'unknown'}`);
    this.connected = true;
    spec.room.connected++;
    spec.tally.joined++;
    // Reports before the join are held; the join's resend carries the first burst's round trip.
    if (this.rttMs > 0) this.send('sync_report', { roomId: spec.roomId, rttMs: this.rttMs });
  }

  /**
   * The clock of an open page: the follow-up bursts still due since the join, then a refresh
   * burst every `refreshIntervalMs` (at a random phase, as pages open at different moments).
   */
  startTraffic(): void {
    const { followUpMs, refreshPings, refreshIntervalMs, spacingMs } = CLOCK_DEFAULTS;
    const refresh = (): void => {
      void this.burst(refreshPings, spacingMs);
    };
    const sinceJoin = now() - this.joinedAt;
    for (const at of followUpMs) {
      if (at > sinceJoin) this.timers.push(setTimeout(refresh, at - sinceJoin));
    }
    const first = setTimeout(() => {
      refresh();
      this.timers.push(setInterval(refresh, refreshIntervalMs));
    }, Math.random() * refreshIntervalMs);
    this.timers.push(first);
  }

  chat(): void {
    const sentAt = now();
    const { tally, room } = this.spec;
    if (tally.inWindow(sentAt)) {
      tally.sent++;
      tally.expected += Math.max(0, room.connected - 1);
    }
    this.send('send_message', {
      roomId: this.spec.roomId,
      message: `lb ${this.spec.userId} ${sentAt.toFixed(3)}`,
    });
  }

  control(action: 'player_play' | 'player_pause' | 'player_seek'): void {
    this.send(action, { roomId: this.spec.roomId, time: Math.round(Math.random() * 50) / 10 });
  }

  addVideo(url: string): void {
    this.send('add_video', { roomId: this.spec.roomId, video: { url } });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.connected = false;
    this.socket.close();
  }

  /** `count` pings `spacingMs` apart; the best round trip is reported, as the page reports it. */
  private async burst(count: number, spacingMs: number): Promise<void> {
    const pings = Array.from(
      { length: count },
      (_, i) =>
        new Promise<number | undefined>((resolve) => {
          const timer = setTimeout(() => {
            resolve(this.ping());
          }, i * spacingMs);
          this.timers.push(timer);
        }),
    );
    const rtts = (await Promise.all(pings)).filter((rtt): rtt is number => rtt !== undefined);
    if (rtts.length === 0 || !this.connected) return;
    this.rttMs = Math.round(Math.min(...rtts) * 10) / 10;
    this.send('sync_report', { roomId: this.spec.roomId, rttMs: this.rttMs });
  }

  /** One clock ping; its round trip, or undefined when it was refused or lost. */
  private async ping(): Promise<number | undefined> {
    const sentAt = now();
    const response = await this.request('time_sync', { clientTime: sentAt });
    if (!response.ok) return undefined;
    const receivedAt = now();
    if (this.spec.tally.inWindow(sentAt)) this.spec.tally.pingRtt.add(receivedAt - sentAt);
    return receivedAt - sentAt;
  }

  /** Protocol 3 carries chat and playback decisions as changes of a `room_delta`. */
  private onDelta(delta: unknown): void {
    const parsed = deltaSchema.safeParse(delta);
    if (!parsed.success) {
      this.spec.tally.refuse('room_delta: unreadable');
      return;
    }
    for (const change of parsed.data.changes) {
      if (change.kind === 'message') this.onChat(change.message);
      else if (change.kind === 'player_state') this.onPlayerState(change.state);
    }
  }

  private onChat(message: unknown): void {
    const receivedAt = now();
    const parsed = chatSchema.safeParse(message);
    const match = parsed.success ? STAMP.exec(parsed.data.text) : null;
    if (!match?.[1] || !match[2] || match[1] === this.spec.userId) return;
    const sentAt = Number(match[2]);
    const { tally } = this.spec;
    if (!tally.inWindow(sentAt)) return;
    tally.received++;
    tally.latency.add(receivedAt - sentAt);
  }

  /** A new playback decision: prepare (instantly here) and report ready, as a player does. */
  private onPlayerState(state: unknown): void {
    const { tally, roomId } = this.spec;
    if (tally.inWindow(now())) tally.playerStates++;
    const parsed = playerStateSchema.safeParse(state);
    const epoch = parsed.success ? parsed.data.epoch : undefined;
    if (epoch === undefined || epoch <= this.reportedEpoch) return;
    this.reportedEpoch = epoch;
    this.send('sync_report', { roomId, readyEpoch: epoch, rttMs: this.rttMs, status: 'in_sync' });
  }

  /** Emits with an acknowledgement; a refusal or timeout is counted, never thrown. */
  private send(event: string, payload: object): void {
    void this.request(event, payload);
  }

  private async request(event: string, payload: object): Promise<z.infer<typeof ackSchema>> {
    const { tally } = this.spec;
    let raw: unknown;
    try {
      raw = await this.socket.emitWithAck(event, payload, ACK_TIMEOUT_MS);
    } catch (error: unknown) {
      if (!(error instanceof Error)) throw error;
      tally.refuse(`${event}: ${error instanceof AckTimeout ? 'no ack' : 'disconnected'}`);
      return {
        ok: false,
        error: { code: error instanceof AckTimeout ? 'timeout' : 'disconnected' },
      };
    }
    const parsed = ackSchema.safeParse(raw);
    if (!parsed.success) {
      tally.refuse(`${event}: bad ack`);
      return { ok: false, error: { code: 'bad ack' } };
    }
    if (!parsed.data.ok) tally.refuse(`${event}: ${parsed.data.error?.code ?? '?'}`);
    return parsed.data;
  }
}
