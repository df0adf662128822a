import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventuallyAsync, type TestSocket } from '../support/client.js';
import { sendPacedChats } from '../support/paced-chats.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { ServerProcess } from './processes.js';

const LONG = 30_000;

/**
 * `MAX_CONNECTIONS_PER_IP` and `ADDRESS_EVENTS_PER_SECOND` with two real server processes
 * on one Redis: an address is held to them over both. Clients come from different
 * loopback source addresses (all of 127.0.0.0/8 is this machine), one per "person".
 */
describe('limits per address over two processes on one Redis', () => {
  const url = { redis: '' };
  const prefix = uniquePrefix();
  let one: ServerProcess;
  let two: ServerProcess;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    url.redis = await testRedisUrl();
    const env = {
      REDIS_URL: url.redis,
      REDIS_KEY_PREFIX: prefix,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      MAX_CONNECTIONS_PER_IP: '3',
      ADDRESS_EVENTS_PER_SECOND: '20',
      // The connection's own budget stays out of the way.
      SOCKET_EVENTS_PER_SECOND: '100',
      SOCKET_EVENTS_BURST: '200',
    };
    [one, two] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([one.kill('SIGTERM'), two.kill('SIGTERM')]);
    await removeKeys(url.redis, prefix);
  });

  async function from(server: ServerProcess, address: string): Promise<TestSocket> {
    const socket = await connect(server.url, {}, { localAddress: address });
    sockets.push(socket);
    return socket;
  }

  /** Whether `address` may open one more connection to `server` now (closed at once). */
  async function admitted(server: ServerProcess, address: string): Promise<boolean> {
    try {
      (await connect(server.url, {}, { localAddress: address })).disconnect();
      return true;
    } catch {
      return false; // The handshake was refused.
    }
  }

  it(
    'MAX_CONNECTIONS_PER_IP counts the connections on both processes; another address is free',
    async () => {
      await from(one, '127.0.7.1');
      const onTwo = await from(two, '127.0.7.1');
      await from(one, '127.0.7.1');
      await expect(from(two, '127.0.7.1')).rejects.toThrow();
      await expect(from(one, '127.0.7.1')).rejects.toThrow();
      await from(two, '127.0.7.2');
      await from(one, '127.0.7.2');
      // A connection closed on one process gives its place back on the other.
      onTwo.disconnect();
      await eventuallyAsync(() => admitted(one, '127.0.7.1'), 5_000);
    },
    LONG,
  );

  it(
    'ADDRESS_EVENTS_PER_SECOND holds over both processes; another address is unaffected',
    async () => {
      // 16 events a second on each process (under the budget of 20 on either alone), 8 on
      // the calm address; paced by the clock, so a slow timer does not lower the rate.
      const busy = [await from(one, '127.0.8.1'), await from(two, '127.0.8.1')];
      const calm = await from(two, '127.0.8.2');
      const refusedOf = await sendPacedChats(
        [...busy.map((socket) => ({ socket, perSecond: 16 })), { socket: calm, perSecond: 8 }],
        3_000,
      );
      const busyRefused = busy.reduce((sum, socket) => sum + (refusedOf.get(socket) ?? 0), 0);
      // About 32 a second were sent, 20 allowed: some were refused.
      expect(busyRefused).toBeGreaterThan(5);
      expect(refusedOf.get(calm) ?? 0).toBe(0);
    },
    LONG,
  );

  it(
    'the connections of a process that crashed stop counting within seconds',
    async () => {
      for (let i = 0; i < 3; i++) await from(two, '127.0.9.1');
      expect(await admitted(one, '127.0.9.1')).toBe(false);
      await two.kill('SIGKILL');
      const killedAt = Date.now();
      await eventuallyAsync(() => admitted(one, '127.0.9.1'), 20_000);
      // The dead process's heartbeat lasts 6 s.
      expect(Date.now() - killedAt).toBeLessThan(12_000);
      await two.restart();
    },
    LONG * 2,
  );
});
