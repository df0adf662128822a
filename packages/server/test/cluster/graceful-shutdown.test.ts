import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventuallyAsync, joinAs, sessionOf, type TestSocket } from '../support/client.js';
import { captureLogs } from '../support/log-capture.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** pino's number for `error`. */
const ERROR = 50;
const ROOM = 'shutdown-handover';
const PEOPLE = ['Ann', 'Bo', 'Cy', 'Di'];
const storedRoom = z.object({
  members: z.array(z.object({ name: z.string() })),
  messages: z.array(z.object({ text: z.string() })),
});

/**
 * A graceful stop (SIGTERM) of a process on Redis while people are in its rooms, as a
 * deployment does it: the transport closes (every client reconnects by itself), nothing
 * fails against a store being closed, and the people stay in their rooms. Those who come
 * back through another process (here: the restarted one) carry on with no "left" and no
 * "joined" line; whoever does not come back leaves once the stopped process's heartbeat
 * has expired.
 */
describe('graceful shutdown on Redis', () => {
  const prefix = uniquePrefix();
  let redisUrl = '';
  let redis: Redis;
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];
  const env = (): Record<string, string> => ({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    SESSION_SECRET: secret,
    SOCKET_EVENTS_PER_SECOND: '100',
  });
  const secret = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    redisUrl = await testRedisUrl();
    redis = new Redis(redisUrl);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const server of servers) await server.close();
    await removeKeys(redisUrl, prefix);
    redis.disconnect();
  });

  /** The room as stored: its members' names and its chat lines. */
  async function stored(): Promise<{ members: string[]; lines: string[] }> {
    const room = storedRoom.parse(JSON.parse((await redis.get(`${prefix}room:${ROOM}`)) ?? 'null'));
    return {
      members: room.members.map((member) => member.name).sort(),
      lines: room.messages.map((message) => message.text),
    };
  }

  it('hands its people over: back with no line, gone only if they stay away', async () => {
    const { logger, lines: logs } = captureLogs('info');
    // A dropped connection keeps its place for 1 s (RECONNECT_GRACE_SECONDS).
    const first = await startTestServer({ ...env(), RECONNECT_GRACE_SECONDS: '1' }, { logger });
    const tokens: string[] = [];
    for (const name of PEOPLE) {
      const { socket } = await joinAs(first.url, ROOM, name, name, 3);
      sockets.push(socket);
      tokens.push((await sessionOf(socket)).token);
    }
    const before = await stored();
    expect(before.members).toEqual([...PEOPLE].sort());
    // Di's network drops just before the stop: her departure is pending (the grace period).
    sockets[3]?.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 100));

    await first.close();
    // Past her grace period: the stopped process does nothing more (no departure of its
    // own against a store it has closed).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(logs.filter((line) => line.level >= ERROR).map((line) => line.msg)).toEqual([]);
    // Nobody left: the stop handed them over.
    expect(await stored()).toEqual(before);

    // The process comes back (a deployment's next one); three of the four come back too,
    // as the web app does: with their tokens, to the room they were in.
    const second = await startTestServer(env());
    servers.push(second);
    for (const [i, name] of PEOPLE.slice(0, 3).entries()) {
      const token = tokens[i];
      if (token === undefined) throw new Error('no token');
      const { socket } = await joinAs(second.url, ROOM, name, name, 3, { token });
      sockets.push(socket);
    }
    // Di stays away: she leaves once the stopped process's heartbeat has expired.
    await eventuallyAsync(async () => (await stored()).members.length === 3, 30_000);
    const after = await stored();
    expect(after.members).toEqual(['Ann', 'Bo', 'Cy']);
    expect(after.lines.slice(before.lines.length)).toEqual(['Di left']);
  }, 60_000);
});
