import { describe, expect, it } from 'vitest';
import { joinAs, sessionOf } from '../support/client.js';
import { onOneRedis } from './on-one-redis.js';

/**
 * Two processes on one Redis without SESSION_SECRET, each with its own DATA_DIR (as
 * behind a load balancer): a token one of them issued proves the same person to the other.
 */
describe('the session secret across processes', () => {
  const redis = onOneRedis();

  it('a token issued by one process is the same person on the other', async () => {
    const one = await redis.start({ SESSION_SECRET: '' });
    const two = await redis.start({ SESSION_SECRET: '' });
    const first = await joinAs(one.url, 'shared-secret', 'me', 'Kim', 3);
    redis.track(first.socket);
    const issued = await sessionOf(first.socket);
    const again = await joinAs(two.url, 'shared-secret', 'me', 'Kim', 3, { token: issued.token });
    redis.track(again.socket);
    const proved = await sessionOf(again.socket);
    expect(proved.userId).toBe(issued.userId);
    expect(again.ack.user.id).toBe(issued.userId);
  });
});
