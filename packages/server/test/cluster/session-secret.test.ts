import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, sessionOf, type TestSocket } from '../support/client.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Two processes on one Redis without SESSION_SECRET, each with its own DATA_DIR (as
 * behind a load balancer): a token one of them issued proves the same person to the other.
 */
describe('the session secret across processes', () => {
  const prefix = uniquePrefix();
  let redisUrl = '';
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redisUrl = await testRedisUrl();
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const server of servers) await server.close();
    await removeKeys(redisUrl, prefix);
  });

  it('a token issued by one process is the same person on the other', async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, SESSION_SECRET: '' };
    servers.push(await startTestServer(env), await startTestServer(env));
    const [one, two] = servers;
    if (!one || !two) throw new Error('servers did not start');
    const first = await joinAs(one.url, 'shared-secret', 'me', 'Kim', 3);
    sockets.push(first.socket);
    const issued = await sessionOf(first.socket);
    const again = await joinAs(two.url, 'shared-secret', 'me', 'Kim', 3, { token: issued.token });
    sockets.push(again.socket);
    const proved = await sessionOf(again.socket);
    expect(proved.userId).toBe(issued.userId);
    expect(again.ack.user.id).toBe(issued.userId);
  });
});
