import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger.js';
import { RedisIdentities, SHARED_IDENTITY_TTL_MS } from '../../src/realtime/shared-identities.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

describe('remembered sessions in Redis', () => {
  const prefix = uniquePrefix();
  let url = '';
  let redis: Redis;
  let identities: RedisIdentities;

  beforeAll(async () => {
    url = await testRedisUrl();
    redis = new Redis(url);
    identities = new RedisIdentities(redis, prefix, createLogger('silent'));
  }, 60_000);

  afterAll(async () => {
    redis.disconnect();
    await removeKeys(url, prefix);
  });

  it('gives back what was remembered, for a day after it was last remembered', async () => {
    const identity = { privateId: 'a'.repeat(22), name: 'Robert' };
    identities.set('session-1', identity);
    expect(await identities.get('session-1')).toEqual(identity);
    const ttl = await redis.pttl(`${prefix}sio-identity:session-1`);
    expect(ttl).toBeGreaterThan(SHARED_IDENTITY_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SHARED_IDENTITY_TTL_MS);
    expect(await identities.get('session-2')).toBeUndefined();
  });

  it('an entry it cannot read makes nobody anybody', async () => {
    await redis.set(`${prefix}sio-identity:broken`, '{"privateId":"short","name":"Eve"}');
    await redis.set(`${prefix}sio-identity:garbage`, 'not json');
    expect(await identities.get('broken')).toBeUndefined();
    expect(await identities.get('garbage')).toBeUndefined();
  });
});
