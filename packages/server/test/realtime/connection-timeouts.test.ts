import { PROTOCOL_VERSION } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, joinAs } from '../support/client.js';
import { RawSocketIo } from '../support/raw-socket-io.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Far below the production values, so the tests run fast; the deadlines below are generous. */
const timeouts = {
  headersMs: 400,
  requestMs: 1_000,
  checkIntervalMs: 100,
  pingIntervalMs: 300,
  pingTimeoutMs: 300,
  upgradeMs: 400,
  connectMs: 400,
};
/** Well under the production defaults (10 s and more), well over the values above. */
const DEADLINE_MS = 8_000;

function closesWithin(client: RawSocketIo, ms: number): Promise<boolean> {
  return Promise.race([
    client.closed.then(() => true),
    new Promise<boolean>((resolve) =>
      setTimeout(() => {
        resolve(false);
      }, ms),
    ),
  ]);
}

describe('connections that never finish their handshake or fall silent', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, { connectionTimeouts: timeouts });
  });

  afterAll(async () => {
    await server.close();
  });

  it('closes a TCP connection that never sends a request', async () => {
    const client = await RawSocketIo.tcp(server.port);
    onTestFinished(() => {
      client.destroy();
    });
    expect(await closesWithin(client, DEADLINE_MS)).toBe(true);
  });

  it('closes a connection that sends only part of its headers', async () => {
    const client = await RawSocketIo.tcp(server.port);
    onTestFinished(() => {
      client.destroy();
    });
    client.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(await closesWithin(client, DEADLINE_MS)).toBe(true);
  });

  it('closes an Engine.io connection that never sends the Socket.io CONNECT', async () => {
    // It answers every ping, so only the CONNECT deadline can close it.
    const client = await RawSocketIo.engineIo(server.port, { answerPings: true });
    onTestFinished(() => {
      client.destroy();
    });
    expect(await closesWithin(client, DEADLINE_MS)).toBe(true);
    expect(client.messages.some((message) => message.startsWith('40'))).toBe(false);
  });

  it('drops a client that stops answering pings, and keeps one that answers', async () => {
    const { client: mute, sid } = await RawSocketIo.socketIo(server.port, {
      answerPings: false,
      answerClose: false,
    });
    onTestFinished(() => {
      mute.destroy();
    });
    const joined = await mute.emitWithAck(0, 'join_room', {
      roomId: 'pings',
      userId: 'mute',
      name: 'Mute',
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(joined).toMatchObject({ ok: true });
    const { client: alive, sid: aliveSid } = await RawSocketIo.socketIo(server.port, {
      answerPings: true,
    });
    onTestFinished(() => {
      alive.destroy();
    });
    const { socket: browser } = await joinAs(server.url, 'pings', 'browser', 'Browser');
    onTestFinished(() => {
      browser.disconnect();
    });

    await eventually(() => !server.io.sockets.sockets.has(sid), DEADLINE_MS);
    // Its TCP connection is destroyed, not left waiting for a close handshake it won't answer.
    expect(await closesWithin(mute, DEADLINE_MS)).toBe(true);
    expect(mute.messages.filter((message) => message === '2').length).toBeGreaterThan(0);

    // Many ping intervals (and header deadlines) later, the clients that answer are there.
    await eventually(
      () => alive.messages.filter((message) => message === '2').length >= 3,
      DEADLINE_MS,
    );
    expect(alive.isOpen).toBe(true);
    expect(server.io.sockets.sockets.has(aliveSid)).toBe(true);
    expect(browser.connected).toBe(true);
    const ack = await browser.emitWithAck('send_message', { roomId: 'pings', message: 'hi' });
    expect(ack.ok).toBe(true);
  });
});
