import { Limits, PROTOCOL_VERSION } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { collect, eventually, joinAs } from '../support/client.js';
import { RawPolling } from '../support/raw-polling.js';
import { RawSocketIo } from '../support/raw-socket-io.js';
import { counterValue, serverUnsentBytes } from '../support/server-buffers.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'backpressure';
const MAX_UNSENT_KB = 64;
/** Messages are sent in batches of this many, acknowledged before the next batch. */
const BATCH = 50;
/** Far more than loopback's kernel buffers and the bound together can absorb. */
const MAX_MESSAGES = 60_000;

function usedMemory(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

describe('a client that stops reading', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      MAX_UNSENT_KB: String(MAX_UNSENT_KB),
      // The test generates the traffic as fast as it can; the rate limit is not under test.
      SOCKET_EVENTS_PER_SECOND: '1000000',
      SOCKET_EVENTS_BURST: '1000000',
      ADDRESS_EVENTS_PER_SECOND: '1000000',
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('is dropped while the server stays bounded and the room carries on', async () => {
    const { socket: talker } = await joinAs(server.url, ROOM, 'talker', 'Talker');
    const { socket: listener } = await joinAs(server.url, ROOM, 'listener', 'Listener');
    const { client: slow, sid } = await RawSocketIo.socketIo(server.port);
    const joined = await slow.emitWithAck(0, 'join_room', {
      roomId: ROOM,
      userId: 'slow',
      name: 'Slow',
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(joined).toMatchObject({ ok: true });
    const heard = collect(listener, 'new_message');
    slow.pause();
    onTestFinished(() => {
      slow.destroy();
      talker.disconnect();
      listener.disconnect();
    });

    const memoryBefore = usedMemory();
    let maxUnsent = 0;
    let maxMemory = memoryBefore;
    const filler = 'x'.repeat(Limits.messageMaxLength - 10);
    let sent = 0;
    while (server.io.sockets.sockets.has(sid) && sent < MAX_MESSAGES) {
      const acks = await Promise.all(
        Array.from({ length: BATCH }, (_, i) =>
          talker.emitWithAck('send_message', { roomId: ROOM, message: `${sent + i} ${filler}` }),
        ),
      );
      for (const ack of acks) expect(ack.ok).toBe(true);
      sent += BATCH;
      maxUnsent = Math.max(maxUnsent, serverUnsentBytes(server));
      maxMemory = Math.max(maxMemory, usedMemory());
    }

    // Dropped by the guard (not by the ping timeout, which is 45 s away).
    expect(server.io.sockets.sockets.has(sid)).toBe(false);
    expect(await counterValue(server.metrics.slowConsumersDropped)).toBe(1);
    // The server closed the TCP connection: once the client reads again, it sees the end.
    slow.resume();
    await slow.closed;
    // What the server held for it never went far past the bound (one batch of checks).
    expect(maxUnsent).toBeLessThan(2 * MAX_UNSENT_KB * 1024);
    expect(maxMemory - memoryBefore).toBeLessThan(256 * 1024 * 1024);

    // The reader in the same room got every message, in order, and is still connected.
    await eventually(() => heard.length === sent, 30_000);
    expect(heard.map((message) => Number(message.text.split(' ')[0]))).toEqual(
      Array.from({ length: sent }, (_, i) => i),
    );
    expect(listener.connected).toBe(true);
    const after = await talker.emitWithAck('send_message', { roomId: ROOM, message: 'still here' });
    expect(after.ok).toBe(true);
    await eventually(() => heard.at(-1)?.text === 'still here');

    // A dropped connection, like any other: its member keeps the reconnect grace.
    const room = await server.runtime.state(ROOM);
    expect(room?.members.map((member) => member.name).sort()).toEqual([
      'Listener',
      'Slow',
      'Talker',
    ]);
  }, 120_000);

  it('drops a long-polling client that stops polling', async () => {
    const room = 'backpressure-polling';
    const { socket: talker } = await joinAs(server.url, room, 'talker', 'Talker');
    onTestFinished(() => {
      talker.disconnect();
    });
    const poller = await RawPolling.connect(server.url);
    await poller.post(
      `420${JSON.stringify(['join_room', { roomId: room, userId: 'poller', name: 'Poller' }])}`,
    );
    const answer = (await poller.poll()).find((packet) => packet.startsWith('430'));
    expect(answer).toContain('"ok":true');
    const before = await counterValue(server.metrics.slowConsumersDropped);

    // It never polls again: everything for it waits in engine.io's writeBuffer.
    const filler = 'p'.repeat(Limits.messageMaxLength - 10);
    let sent = 0;
    while (server.io.sockets.sockets.has(poller.sid) && sent < MAX_MESSAGES) {
      const acks = await Promise.all(
        Array.from({ length: BATCH }, (_, i) =>
          talker.emitWithAck('send_message', { roomId: room, message: `${sent + i} ${filler}` }),
        ),
      );
      for (const ack of acks) expect(ack.ok).toBe(true);
      sent += BATCH;
    }

    expect(server.io.sockets.sockets.has(poller.sid)).toBe(false);
    expect(await counterValue(server.metrics.slowConsumersDropped)).toBe(before + 1);
    // Promptly: after about the bound's worth of traffic, not after the ping timeout.
    expect(sent * Limits.messageMaxLength).toBeLessThan(4 * MAX_UNSENT_KB * 1024);
    expect(await poller.pollStatus()).toBe(400);
    const state = await server.runtime.state(room);
    expect(state?.members.map((member) => member.name).sort()).toEqual(['Poller', 'Talker']);
  });
});
