import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedConnectionCounts } from '../../src/edge/shared-connection-counts.js';
import { createLogger } from '../../src/ops/logger.js';
import { SharedAddressBudget } from '../../src/realtime/shared-address-budget.js';
import { eventuallyAsync } from '../support/client.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = await testRedisUrl();
const logger = createLogger('silent');
const prefix = uniquePrefix();
const clients: Redis[] = [];

function client(): Redis {
  const redis = new Redis(url);
  clients.push(redis);
  return redis;
}

afterAll(async () => {
  for (const redis of clients) redis.disconnect();
  await removeKeys(url, prefix);
});

/** Takes `count` events of `address`; how many were accepted. */
async function takeMany(budget: SharedAddressBudget, address: string, count: number) {
  let accepted = 0;
  for (let i = 0; i < count; i++) if (await budget.take(address)) accepted++;
  return accepted;
}

describe('SharedAddressBudget: events per address over processes on one Redis', () => {
  it('holds an address to the budget over both once their counts are shared, until the second ends', async () => {
    let now = 1_900_000_000_000; // The start of a second.
    const clock = () => now;
    const own = `${prefix}events-1:`;
    const one = new SharedAddressBudget(client(), own, 10, logger, 250, clock);
    const two = new SharedAddressBudget(client(), own, 10, logger, 250, clock);
    // Seven on each: under the budget on either alone.
    expect(await takeMany(one, '10.0.0.1', 7)).toBe(7);
    expect(await takeMany(two, '10.0.0.1', 7)).toBe(7);
    expect(await takeMany(one, '10.0.0.2', 3)).toBe(3);
    await one.flush(); // 7 so far over both
    await two.flush(); // 14: two learns the address is over the budget
    expect(await two.take('10.0.0.1')).toBe(false);
    // One learns it at its next flush: at most one interval's events more.
    expect(await one.take('10.0.0.1')).toBe(true);
    await one.flush();
    expect(await one.take('10.0.0.1')).toBe(false);
    expect(await two.take('10.0.0.1')).toBe(false);
    // Another address goes on.
    expect(await one.take('10.0.0.2')).toBe(true);
    // The next second starts afresh on both.
    now += 1_000;
    expect(await one.take('10.0.0.1')).toBe(true);
    expect(await two.take('10.0.0.1')).toBe(true);
  });

  it('still holds an address to the budget in one process alone', async () => {
    const budget = new SharedAddressBudget(client(), `${prefix}events-2:`, 5, logger);
    expect(await takeMany(budget, '10.0.0.3', 8)).toBe(5);
  });
});

describe('SharedConnectionCounts: connections per address over processes on one Redis', () => {
  it('sums every live process’s share; a stopped process’s share stops counting', async () => {
    const own = `${prefix}connections:`;
    const timing = { heartbeatMs: 100, ttlMs: 300 };
    const one = new SharedConnectionCounts(client(), own, logger, timing);
    const two = new SharedConnectionCounts(client(), own, logger, timing);
    await Promise.all([one.start(), two.start()]);
    one.opened('10.0.1.1');
    one.opened('10.0.1.1');
    two.opened('10.0.1.1');
    two.opened('10.0.1.2');
    await eventuallyAsync(async () => (await one.count('10.0.1.1')) === 3);
    expect(await two.count('10.0.1.1')).toBe(3);
    expect(await two.count('10.0.1.2')).toBe(1);
    one.closed('10.0.1.1');
    await eventuallyAsync(async () => (await two.count('10.0.1.1')) === 2);
    await two.close();
    expect(await one.count('10.0.1.1')).toBe(1);
    expect(await one.count('10.0.1.2')).toBe(0);
    await one.close();
  });

  it('a share whose heartbeat expired (a crashed process) stops counting within its TTL', async () => {
    const own = `${prefix}connections-crash:`;
    const redis = client();
    const alive = new SharedConnectionCounts(redis, own, logger, { heartbeatMs: 100, ttlMs: 300 });
    await alive.start();
    // A process that said it was alive once and then went silent.
    const crashed = new SharedConnectionCounts(redis, own, logger, {
      heartbeatMs: 60_000,
      ttlMs: 300,
    });
    await crashed.start();
    crashed.opened('10.0.2.1');
    crashed.opened('10.0.2.1');
    alive.opened('10.0.2.1');
    await eventuallyAsync(async () => (await alive.count('10.0.2.1')) === 3);
    await eventuallyAsync(async () => (await alive.count('10.0.2.1')) === 1, 2_000);
    // Its share is gone from the address's hash, not only skipped.
    expect(await redis.hlen(`${own}address-connections:10.0.2.1`)).toBe(1);
    await alive.close();
    await crashed.close();
  });
});
