import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger.js';
import { MemoryPresence } from '../../src/presence/memory-presence.js';
import type { PresenceRegistry } from '../../src/presence/presence-registry.js';
import { RedisPresence } from '../../src/presence/redis-presence.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = await testRedisUrl();
const logger = createLogger('silent');

/** The same rules for every registry. */
function presenceContract(name: string, make: () => Promise<PresenceRegistry>): void {
  describe(`PresenceRegistry contract: ${name}`, () => {
    it('joins a person on their first connection and leaves them after their last', async () => {
      const presence = await make();
      expect(await presence.attach('r', 'ann', 'tab-1')).toBe(true);
      expect(await presence.attach('r', 'ann', 'tab-2')).toBe(false);
      expect(await presence.attach('r', 'bo', 'tab-3')).toBe(true);
      expect(await presence.attach('other', 'ann', 'tab-4')).toBe(true);
      expect(await presence.detach('r', 'ann', 'tab-1')).toBe(false);
      expect(await presence.detach('r', 'ann', 'tab-2')).toBe(true);
      expect(await presence.detach('r', 'bo', 'tab-3')).toBe(true);
      expect(await presence.detach('other', 'ann', 'tab-4')).toBe(true);
      await presence.close();
    });

    it('leaves nobody for a connection it never had, or one detached twice', async () => {
      const presence = await make();
      expect(await presence.detach('r', 'ann', 'ghost')).toBe(false);
      await presence.attach('r', 'ann', 'tab-1');
      expect(await presence.detach('r', 'ann', 'tab-1')).toBe(true);
      expect(await presence.detach('r', 'ann', 'tab-1')).toBe(false);
      // Attaching again after leaving is a first connection again.
      expect(await presence.attach('r', 'ann', 'tab-1')).toBe(true);
      await presence.close();
    });
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

presenceContract('MemoryPresence', () => Promise.resolve(new MemoryPresence()));

presenceContract('RedisPresence', async () => {
  const prefix = uniquePrefix();
  const redis = new Redis(url);
  const presence = new RedisPresence(redis, prefix, logger);
  await presence.start();
  closers.push(async () => {
    await removeKeys(url, prefix);
    await redis.quit();
  });
  return presence;
});

describe('RedisPresence across processes', () => {
  const fast = { heartbeatMs: 50, ttlMs: 200 };

  async function process(prefix: string) {
    const redis = new Redis(url);
    const presence = new RedisPresence(redis, prefix, logger, fast);
    await presence.start();
    closers.push(async () => {
      // A process the test killed has no connection left to close.
      if (redis.status === 'end') return;
      await presence.close();
      await redis.quit();
    });
    return { presence, redis };
  }

  it('one person on two processes is one member; a recovered connection belongs to its new process', async () => {
    const prefix = uniquePrefix();
    closers.push(() => removeKeys(url, prefix));
    const a = await process(prefix);
    const b = await process(prefix);
    expect(await a.presence.attach('r', 'ann', 'tab-1')).toBe(true);
    expect(await b.presence.attach('r', 'ann', 'tab-2')).toBe(false);
    // tab-1 dropped on A and recovered on B (same connection id): B owns it now.
    expect(await b.presence.attach('r', 'ann', 'tab-1')).toBe(false);
    // A's reconnect grace runs out: it may not take B's connection away.
    expect(await a.presence.detach('r', 'ann', 'tab-1')).toBe(false);
    expect(await b.presence.detach('r', 'ann', 'tab-2')).toBe(false);
    expect(await b.presence.detach('r', 'ann', 'tab-1')).toBe(true);
  });

  it("a dead process's people are reaped once, by one live process, and only when it held their last connection", async () => {
    const prefix = uniquePrefix();
    closers.push(() => removeKeys(url, prefix));
    const dead = await process(prefix);
    const live = await process(prefix);
    const other = await process(prefix);
    await dead.presence.attach('r', 'ann', 'a-1');
    await dead.presence.attach('r', 'bo', 'b-1');
    await live.presence.attach('r', 'bo', 'b-2');
    await dead.presence.attach('s', 'cy', 'c-1');
    // The process dies: its connection to Redis goes, no more heartbeats, nothing said.
    dead.redis.disconnect();
    expect(await live.presence.reap()).toEqual([]); // Its heartbeat has not expired yet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reaped = [...(await live.presence.reap()), ...(await other.presence.reap())];
    expect(reaped.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual([
      { roomId: 'r', userId: 'ann' },
      { roomId: 's', userId: 'cy' },
    ]);
    // Bo is still here on the live process.
    expect(await live.presence.detach('r', 'bo', 'b-2')).toBe(true);
  });
});
