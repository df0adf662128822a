import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import { collect, eventually, eventuallyAsync, type TestSocket } from '../support/client.js';
import { uniquePrefix } from '../support/redis.js';
import { idOf, member } from './clients.js';
import { OwnRedis, ServerProcess } from './processes.js';

const LONG = 30_000;

async function health(server: ServerProcess): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/health`);
  return { status: response.status, body: await response.json() };
}

/** Two processes on a Redis of the test's own, which goes away and comes back. */
describe('a Redis restart under two processes', () => {
  let redis: OwnRedis;
  let fake: FakeTikTok;
  let one: ServerProcess;
  let two: ServerProcess;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    fake = await startFakeTikTok();
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniquePrefix(),
      TIKTOK_ORIGIN: fake.origin,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    };
    [one, two] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([one.kill('SIGTERM'), two.kill('SIGTERM')]);
    await fake.close();
    await redis.remove();
  });

  it(
    'clients are told, changes answer UNAVAILABLE, and everything recovers by itself',
    async () => {
      const alice = await member(one.url, 'weather', 'alice');
      const bob = await member(two.url, 'weather', 'bob');
      const dave = await member(two.url, 'weather', 'dave');
      sockets.push(alice, bob, dave);
      const before = await bob.emitWithAck('send_message', {
        roomId: 'weather',
        message: 'before',
      });
      expect(before.ok).toBe(true);
      expect((await health(one)).status).toBe(200);
      const statuses = collect(alice, 'service_status');

      await redis.stop();
      await eventuallyAsync(async () => (await health(one)).status === 503, LONG);
      expect((await health(one)).body).toMatchObject({ status: 'unhealthy', down: ['redis'] });
      await eventually(() => statuses.some((s) => s.degraded), LONG);
      const refused = await alice.emitWithAck('send_message', {
        roomId: 'weather',
        message: 'lost?',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.UNAVAILABLE } });
      // A connection dropping now (its transport closes) makes the adapter save its session in a Redis that is
      // away; that failure is logged and the process carries on.
      dave.io.reconnection(false);
      dave.io.engine.close();
      await eventually(
        () => two.logs.some((line) => JSON.stringify(line).includes('unhandled rejection')),
        LONG,
      );
      expect(two.alive).toBe(true);

      await redis.restart();
      await eventuallyAsync(
        async () => (await health(one)).status === 200 && (await health(two)).status === 200,
        LONG,
      );
      await eventually(() => statuses.at(-1)?.degraded === false, LONG);

      // Events flow between the processes again, and the room kept what it had.
      const heard = collect(alice, 'new_message');
      await eventuallyAsync(async () => {
        const sent = await bob.emitWithAck('send_message', { roomId: 'weather', message: 'after' });
        return sent.ok;
      }, LONG);
      await eventually(() => heard.some((m) => m.text === 'after'), LONG);
      const joined = await alice.emitWithAck('join_room', { roomId: 'weather', userId: 'alice' });
      if (!joined.ok) throw new Error(joined.error.message);
      expect(joined.room.messages.map((m) => m.text)).toEqual(
        expect.arrayContaining(['before', 'after']),
      );
      expect(joined.room.users.map((u) => u.id)).toEqual(
        expect.arrayContaining([idOf(alice), idOf(bob)]),
      );
    },
    LONG * 4,
  );
});
