import { createRoom } from '@wt/room';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisRoomStore } from '../../src/store/redis-room-store.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { roomStoreContract } from './room-store.contract.js';

const url = await testRedisUrl();

roomStoreContract('RedisRoomStore', () => {
  const prefix = uniquePrefix();
  const store = new RedisRoomStore(new Redis(url), prefix);
  return Promise.resolve({
    ...bind(store),
    async close() {
      await removeKeys(url, prefix);
      await store.close();
    },
  });
});

/** The store's methods bound to it, so the wrapper above can swap only `close`. */
function bind(store: RedisRoomStore) {
  return {
    get: store.get.bind(store),
    getVersioned: store.getVersioned.bind(store),
    update: store.update.bind(store),
    deleteIf: store.deleteIf.bind(store),
    delete: store.delete.bind(store),
    roomIds: store.roomIds.bind(store),
    count: store.count.bind(store),
  };
}

describe('RedisRoomStore across processes', () => {
  it('two stores on one Redis see each other and never lose a concurrent write', async () => {
    const prefix = uniquePrefix();
    const a = new RedisRoomStore(new Redis(url), prefix);
    const b = new RedisRoomStore(new Redis(url), prefix);
    await a.update('shared', () => ({ state: createRoom('shared', 1), result: undefined }));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).update('shared', (current) => {
          if (!current) throw new Error('missing');
          return {
            state: { ...current, nextMessageId: current.nextMessageId + 1 },
            result: undefined,
          };
        }),
      ),
    );
    expect((await b.get('shared'))?.nextMessageId).toBe(41);
    await removeKeys(url, prefix);
    await a.close();
    await b.close();
  });

  it('refuses a corrupt stored value with an error instead of a broken room', async () => {
    const prefix = uniquePrefix();
    const raw = new Redis(url);
    await raw.set(`${prefix}room:bad`, JSON.stringify({ id: 'bad', queue: 'nope' }));
    const store = new RedisRoomStore(new Redis(url), prefix);
    await expect(store.get('bad')).rejects.toThrow();
    await removeKeys(url, prefix);
    await raw.quit();
    await store.close();
  });
});
