import { get } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RoomStateView } from '@wt/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, next, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ackProblem } from './hostile-ack-oracle.js';
import { AttackerPool, protectedParts, readRoom, setUpBystanderRoom } from './hostile-clients.js';
import {
  emitsFor,
  fitsInPacket,
  INBOUND_EVENTS,
  packetBytes,
  unknownEventName,
  type HostileEmit,
  type RoomTargets,
} from './hostile-payloads.js';
import { hostileValue } from './hostile-values.js';

/**
 * Property-based hostile input: thousands of generated payloads for every inbound event
 * (the list is `inboundSchemas`, so a new event is covered by itself), unknown events,
 * extra arguments and emits without an acknowledgement, sent by real socket.io-client
 * connections to a real server. The server must stay up, answer every acknowledged emit
 * with a well-formed, typed answer, leave every other room as it was, and not grow its heap.
 *
 * Rate limiting is not under test here (test/edge/per-address-limits.test.ts and
 * test/realtime/bad-input.test.ts cover it): the limits are generous, so a refusal for
 * flooding would show as a wrong answer.
 */

const ROOMS: RoomTargets = { arena: 'hostile-arena', bystander: 'bystander-room' };
const EVENTS = INBOUND_EVENTS;
/** Generated emits per inbound event (fast-check's seed is printed with any failure). */
const EMITS_PER_EVENT = 300;
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2_147_483_647);
/**
 * Heap growth allowed over the whole run (server and clients share this process), measured
 * after full garbage collections before and after. The attack must send at least twice as
 * many bytes as this, so a server that kept every payload it was sent could not pass; what
 * it may legitimately keep (the arena's bounded chat and queue, a few rooms the attackers
 * opened, caches) stays well below.
 */
const HEAP_GROWTH_LIMIT_MB = 12;
const READERS = ['Probe', 'Reader before', 'Reader after'];

/** A full collection (the flag turned on at run time, so no runner option is needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('no gc');
  Reflect.apply(gc, undefined, []);
}

function heapUsedMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function health(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(new URL('/health', url), (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    }).on('error', reject);
  });
}

function firstFew(problems: readonly string[]): string[] {
  return problems.slice(0, 8);
}

describe('hostile input (property-based)', () => {
  let server: TestServer;
  let attackers: AttackerPool;
  let bystanderOwner: TestSocket;
  let roomBefore: RoomStateView;
  let heapBeforeMb: number;
  let sent = 0;
  let sentBytes = 0;

  beforeAll(async () => {
    server = await startTestServer({
      SOCKET_EVENTS_PER_SECOND: '100000',
      SOCKET_EVENTS_BURST: '100000',
      ADDRESS_EVENTS_PER_SECOND: '100000',
      ROOMS_PER_IP_PER_MINUTE: '100000',
    });
    bystanderOwner = await setUpBystanderRoom(server.url, ROOMS.bystander, '127.0.8.1');
    roomBefore = await readRoom(server.url, ROOMS.bystander, 'Reader before', '127.0.8.2');
    attackers = new AttackerPool(server.url, ROOMS.arena, ['127.0.9.1', '127.0.9.2', '127.0.9.3']);
    for (let slot = 0; slot < attackers.size; slot++) await attackers.socket(slot);
    heapBeforeMb = heapUsedMb();
    console.info(`hostile-input seed ${String(SEED)} (set HOSTILE_SEED to replay)`);
  }, 60_000);

  afterAll(async () => {
    attackers.close();
    bystanderOwner.disconnect();
    await server.close();
  });

  it('answers every generated payload of every inbound event with a typed ack', async () => {
    expect(EVENTS.length).toBeGreaterThanOrEqual(20);
    const problems: string[] = [];
    for (const [offset, event] of EVENTS.entries()) {
      const emits = fc
        .sample(emitsFor(event, ROOMS), {
          numRuns: EMITS_PER_EVENT,
          seed: SEED + offset,
        })
        .filter(fitsInPacket);
      expect(emits.length).toBeGreaterThan(EMITS_PER_EVENT / 2);
      sent += emits.length;
      sentBytes += emits.reduce((total, emit) => total + packetBytes(emit), 0);
      problems.push(...(await attackers.fire(emits)));
      await attackers.regroup();
    }
    expect({ count: problems.length, first: firstFew(problems) }).toEqual({ count: 0, first: [] });
    // Plenty got past the schema to the room itself.
    expect(attackers.accepted).toBeGreaterThan(250);
    expect(sent).toBeGreaterThan(EVENTS.length * EMITS_PER_EVENT * 0.8);
  }, 90_000);

  it('answers unknown events with UNKNOWN_EVENT and extra arguments with INVALID_PAYLOAD', async () => {
    const probe = async (emit: HostileEmit): Promise<void> => {
      // Over the packet limit the connection is closed for its size (bad-input.test.ts).
      fc.pre(fitsInPacket(emit));
      const socket = await attackers.socket(0);
      const ack: unknown = await socket.timeout(10_000).emitWithAck(emit.event, ...emit.args);
      sent += 1;
      sentBytes += packetBytes(emit);
      expect(ackProblem(emit, ack)).toBeUndefined();
    };
    await fc.assert(
      fc.asyncProperty(unknownEventName, fc.array(hostileValue, { maxLength: 3 }), (event, args) =>
        probe({ event, args, ack: true }),
      ),
      { numRuns: 150, seed: SEED },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EVENTS),
        fc.array(hostileValue, { minLength: 2, maxLength: 4 }),
        (event, args) => probe({ event, args, ack: true }),
      ),
      { numRuns: 150, seed: SEED + 1 },
    );
  }, 60_000);

  it('stays up: health answers, a newcomer joins a room and chats', async () => {
    expect(attackers.drops).toEqual([]);
    const { status, body } = await health(server.url);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'healthy' });
    const alice = await connect(server.url, {}, { localAddress: '127.0.7.1' });
    const bob = await connect(server.url, {}, { localAddress: '127.0.7.2' });
    try {
      const join = (socket: TestSocket, name: string) =>
        socket.emitWithAck('join_room', { roomId: 'after-the-storm', userId: name, name });
      expect(await join(alice, 'Alice')).toMatchObject({ ok: true });
      expect(await join(bob, 'Bob')).toMatchObject({ ok: true });
      const heard = next(bob, 'new_message');
      const sentAck = await alice.emitWithAck('send_message', {
        roomId: 'after-the-storm',
        message: 'still here?',
      });
      expect(sentAck).toMatchObject({ ok: true });
      expect(await heard).toMatchObject({ text: 'still here?', user: 'Alice' });
    } finally {
      alice.disconnect();
      bob.disconnect();
    }
  });

  it("leaves the bystander's room as it was", async () => {
    const roomAfter = await readRoom(server.url, ROOMS.bystander, 'Reader after', '127.0.8.3');
    expect(protectedParts(roomAfter, READERS)).toEqual(protectedParts(roomBefore, READERS));
    // The room really had something to lose.
    expect(roomBefore.queue).toHaveLength(2);
    expect(roomBefore.messages.some((m) => m.text === 'keep me')).toBe(true);
    expect(roomBefore.player).toMatchObject({ playing: false, time: 1.5 });
  });

  it('pollutes no prototype and keeps the heap bounded', async () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(Object.prototype)).toEqual([]);
    attackers.close();
    await server.runtime.drain();
    const growthMb = heapUsedMb() - heapBeforeMb;
    console.info(
      `hostile-input: ${String(sent)} emits (${String(attackers.accepted)} accepted), ${(sentBytes / 1024 / 1024).toFixed(1)} MB, heap ${heapBeforeMb.toFixed(1)} MB -> ${(heapBeforeMb + growthMb).toFixed(1)} MB`,
    );
    expect(sent).toBeGreaterThan(5000);
    expect(sentBytes / 1024 / 1024).toBeGreaterThan(2 * HEAP_GROWTH_LIMIT_MB);
    expect(growthMb).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  });
});
