import { afterEach, describe, expect, it } from 'vitest';
import { connect, type TestSocket } from '../support/client.js';
import { RawSocketIo } from '../support/raw-socket-io.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Acknowledged events each flooding connection writes at once. */
const FLOOD_EVENTS = 1000;
/** The bystander's events per second: well inside its own budget (20 a second). */
const BYSTANDER_RATE = 10;
const WINDOW_MS = 3000;

interface Sample {
  rttMs: number;
  outcome: string;
}

/**
 * What the flooding address saw: its connections, its handshakes refused, and those held
 * unanswered until it gave up (the tarpit of a cooling address).
 */
interface Flood {
  connections: FloodConnection[];
  refusedHandshakes: number;
  heldHandshakes: number;
}

/** What one flooding connection saw. */
interface FloodConnection {
  /** From its write to the server closing it, ms. */
  closedAfterMs: number;
  /** Answers by outcome: `ok` or the error code. */
  answers: Map<string, number>;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

/** `ok`, or the error code of an acknowledgement `{ok, error: {code}}`. */
function outcomeOf(answer: unknown): string {
  if (typeof answer !== 'object' || answer === null) return 'unreadable';
  if (Reflect.get(answer, 'ok') === true) return 'ok';
  const error: unknown = Reflect.get(answer, 'error');
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'unreadable';
}

/** The outcome of a Socket.io ack frame `43<id>[{ok, error}]`. */
function frameOutcome(message: string): string {
  const parsed: unknown = JSON.parse(message.slice(message.indexOf('[')));
  return outcomeOf(Array.isArray(parsed) ? parsed[0] : undefined);
}

/**
 * A flood from one connection, while a person on another address in another room times
 * their own acknowledgements. The flooder writes its events in one go from a raw socket
 * (so the flood costs this process next to nothing: what the bystander feels is the
 * server's work), and connects again whenever it is dropped, for as long as the bystander
 * measures.
 */
describe('a flood from one connection', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    server = undefined;
  });

  /** The bystander's acknowledged events over `ms`: clock pings and chat lines in turn. */
  async function measure(socket: TestSocket, roomId: string, ms: number): Promise<Sample[]> {
    const pending: Promise<Sample>[] = [];
    const started = performance.now();
    for (let turn = 0; performance.now() - started < ms; turn++) {
      const sentAt = performance.now();
      const ack =
        turn % 2 === 0
          ? socket.timeout(10_000).emitWithAck('time_sync', { clientTime: Date.now() })
          : socket.timeout(10_000).emitWithAck('send_message', { roomId, message: `hi ${turn}` });
      pending.push(
        ack.then((answer: unknown) => ({
          rttMs: performance.now() - sentAt,
          outcome: outcomeOf(answer),
        })),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000 / BYSTANDER_RATE));
    }
    return Promise.all(pending);
  }

  /**
   * For `ms`: a raw connection writes the whole flood at once; when it is dropped, the same
   * address connects again (a refused handshake is tried again 10 ms later, one left
   * unanswered is given up when the window ends).
   */
  async function flood(port: number, ms: number): Promise<Flood> {
    const frames = RawSocketIo.frames(
      Array.from(
        { length: FLOOD_EVENTS },
        (_, i) => `42${String(i)}${JSON.stringify(['time_sync', { clientTime: i }])}`,
      ),
    );
    const result: Flood = { connections: [], refusedHandshakes: 0, heldHandshakes: 0 };
    const started = performance.now();
    while (performance.now() - started < ms) {
      let client: RawSocketIo;
      const left = Math.max(100, ms - (performance.now() - started));
      try {
        ({ client } = await RawSocketIo.socketIo(port, { handshakeTimeoutMs: left }));
      } catch (error: unknown) {
        if (error instanceof Error && error.message.startsWith('timed out waiting')) {
          result.heldHandshakes++;
          continue;
        }
        // Refused: by the handshake gate (a 403), or cut at TCP.
        const refused =
          error instanceof Error &&
          (error.message.startsWith('upgrade refused') ||
            error.message.startsWith('connection closed while waiting'));
        if (!refused) throw error;
        result.refusedHandshakes++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const wroteAt = performance.now();
      client.write(frames);
      const closed = await Promise.race([
        client.closed.then(() => true),
        new Promise<false>((resolve) => {
          setTimeout(() => {
            resolve(false);
          }, 5000);
        }),
      ]);
      const answers = new Map<string, number>();
      for (const message of client.messages.filter((m) => m.startsWith('43'))) {
        const outcome = frameOutcome(message);
        answers.set(outcome, (answers.get(outcome) ?? 0) + 1);
      }
      result.connections.push({
        closedAfterMs: closed ? performance.now() - wroteAt : Infinity,
        answers,
      });
      if (!closed) {
        client.destroy();
        break;
      }
    }
    return result;
  }

  it('is refused with RATE_LIMITED and disconnected within 2 s, its address cools down, and a bystander elsewhere keeps its latency', async () => {
    server = await startTestServer();
    const bystander = await connect(server.url, {}, { localAddress: '127.0.9.2' });
    sockets.push(bystander);
    const joined = await bystander.emitWithAck('join_room', {
      roomId: 'calm',
      userId: 'bystander',
      name: 'Bystander',
      protocolVersion: 3,
    });
    expect(joined.ok).toBe(true);

    const baseline = await measure(bystander, 'calm', WINDOW_MS);
    const [during, { connections: floods, heldHandshakes }] = await Promise.all([
      measure(bystander, 'calm', WINDOW_MS),
      flood(server.port, WINDOW_MS),
    ]);

    // The flood: every connection refused, answered RATE_LIMITED and closed within 2 s.
    expect(floods.length).toBeGreaterThan(0);
    for (const connection of floods) {
      expect(connection.closedAfterMs).toBeLessThan(2000);
      expect(connection.answers.get('RATE_LIMITED') ?? 0).toBeGreaterThan(0);
      expect([...connection.answers.keys()].every((o) => o === 'ok' || o === 'RATE_LIMITED')).toBe(
        true,
      );
      // Far from all of its events were handled: it was stopped, not served.
      expect(connection.answers.get('ok') ?? 0).toBeLessThan(FLOOD_EVENTS / 10);
    }
    const disconnects = await server.metrics.floodDisconnects.get();
    expect(disconnects.values[0]?.value).toBe(floods.length);
    // Then its address cools down (FLOOD_COOLDOWN_SECONDS, 10 by default): it tried again,
    // and was held unanswered for the rest of the window (the tarpit: it waits out the
    // cooldown instead of retrying thousands of times a second), while another address
    // still connects.
    expect(floods).toHaveLength(1);
    expect(heldHandshakes).toBeGreaterThan(0);
    await expect(RawSocketIo.socketIo(server.port, { handshakeTimeoutMs: 300 })).rejects.toThrow(
      /timed out waiting/,
    );
    sockets.push(await connect(server.url, {}, { localAddress: '127.0.9.3' }));
    // The server looked at a connection's events only until it closed it: its refusals (the
    // connection's strikes and the address's budget) stay near twice the burst, not the
    // whole flood, although every packet of a read is decoded before the first is handled.
    const events = await server.metrics.events.get();
    const refused = events.values
      .filter((v) => v.labels.event === 'time_sync' && v.labels.outcome === 'RATE_LIMITED')
      .reduce((sum, v) => sum + v.value, 0);
    expect(refused).toBeLessThan(floods.length * 200);

    // The bystander: still connected, every event answered ok, none refused.
    expect(bystander.connected).toBe(true);
    expect(during.length).toBeGreaterThanOrEqual((WINDOW_MS / 1000) * BYSTANDER_RATE * 0.5);
    expect(during.every((sample) => sample.outcome === 'ok')).toBe(true);
    expect(baseline.every((sample) => sample.outcome === 'ok')).toBe(true);

    // Its latency stays within noise: a generous bound against its own baseline, measured
    // just before on the same (possibly busy) machine.
    const base95 = percentile(
      baseline.map((s) => s.rttMs),
      95,
    );
    const flood95 = percentile(
      during.map((s) => s.rttMs),
      95,
    );
    expect(flood95).toBeLessThanOrEqual(Math.max(4 * base95, base95 + 100));
  }, 30_000);

  it('lets the flooding address connect again once FLOOD_COOLDOWN_SECONDS have passed', async () => {
    server = await startTestServer({ FLOOD_COOLDOWN_SECONDS: '1' });
    const { client } = await RawSocketIo.socketIo(server.port);
    client.write(
      RawSocketIo.frames(
        Array.from({ length: 200 }, (_, i) => `42${String(i)}["time_sync",{"clientTime":1}]`),
      ),
    );
    await client.closed;
    const flooded = performance.now();
    // Held unanswered while the address cools down, and closed when the cooldown ends.
    await expect(RawSocketIo.socketIo(server.port)).rejects.toThrow(
      /connection closed while waiting/,
    );
    expect(performance.now() - flooded).toBeGreaterThan(500);
    const refused = await server.metrics.connectionsRefused.get();
    expect(refused.values.find((v) => v.labels.reason === 'flooding')?.value).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { client: again } = await RawSocketIo.socketIo(server.port);
    expect(again.isOpen).toBe(true);
    again.destroy();
  });
});
