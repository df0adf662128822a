import { createRoom } from '@wt/room';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { RedisRoomStore } from '../../src/store/redis-room-store.js';
import { ROOM_SCHEMA_VERSION } from '../../src/store/room-state-schema.js';
import { eventuallyAsync } from '../support/client.js';
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
    has: store.has.bind(store),
    getVersioned: store.getVersioned.bind(store),
    update: store.update.bind(store),
    deleteIf: store.deleteIf.bind(store),
    delete: store.delete.bind(store),
    touch: store.touch.bind(store),
    roomIds: store.roomIds.bind(store),
    count: store.count.bind(store),
  };
}

describe('RedisRoomStore batches', () => {
  it('writes the updates that queue up while one is written together, in one write', async () => {
    const prefix = uniquePrefix();
    const redis = new Redis(url);
    const store = new RedisRoomStore(redis, prefix);
    const writes = vi.spyOn(redis, 'eval');
    // The room is being created (its write under way) when 50 more updates come.
    const created = store.update('crowd', () => ({
      state: createRoom('crowd', 1),
      result: undefined,
    }));
    const revisions = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.update('crowd', (current, revision) => {
          if (!current) throw new Error('missing');
          return {
            state: { ...current, nextMessageId: current.nextMessageId + 1 },
            result: revision,
          };
        }),
      ),
    );
    await created;
    // The creation alone (nothing was waiting), the 50 that queued meanwhile together.
    const roomWrites = writes.mock.calls.filter(([script]) => String(script).includes('INCRBY'));
    expect(roomWrites).toHaveLength(2);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const versioned = await store.getVersioned('crowd');
    expect(versioned?.revision).toBe(51);
    expect(versioned?.state.nextMessageId).toBe(51);
    writes.mockRestore();
    await removeKeys(url, prefix);
    await store.close();
  });
});

/** Two processes' stores on one Redis (a's client spied on by tests), and a raw client. */
function twoProcesses() {
  const prefix = uniquePrefix();
  const redis = new Redis(url);
  const a = new RedisRoomStore(redis, prefix);
  const b = new RedisRoomStore(new Redis(url), prefix);
  const raw = new Redis(url);
  return {
    prefix,
    redis,
    a,
    b,
    /** A server of an older version rewrites `nextMessageId`: no stamp, the revision moves. */
    writeAsOlderServer: async (roomId: string, from: number, to: number) => {
      const text = await raw.get(`${prefix}room:${roomId}`);
      if (text === null) throw new Error('no room');
      await raw.set(
        `${prefix}room:${roomId}`,
        text.replace(`"nextMessageId":${String(from)}`, `"nextMessageId":${String(to)}`),
      );
      await raw.incr(`${prefix}room-rev:${roomId}`);
    },
    close: async () => {
      await removeKeys(url, prefix);
      await raw.quit();
      await a.close();
      await b.close();
    },
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

  it('reads a room again when another writer changed it, stamp or not, and not when unchanged', async () => {
    const { redis, a, b, writeAsOlderServer, close } = twoProcesses();
    const base = createRoom('r', 1).nextMessageId;
    const create = (store: RedisRoomStore) =>
      store.update('r', () => ({ state: createRoom('r', 1), result: undefined }));
    const bump = (store: RedisRoomStore) =>
      store.update('r', (current) => {
        if (!current) throw new Error('missing');
        return {
          state: { ...current, nextMessageId: current.nextMessageId + 1 },
          result: undefined,
        };
      });
    try {
      await create(a);
      // Unchanged since a wrote it: a's read carries no room text.
      const reads = vi.spyOn(redis, 'eval');
      expect((await a.get('r'))?.nextMessageId).toBe(base);
      const replies = await Promise.all(reads.mock.results.map((result): unknown => result.value));
      expect(replies).toEqual([['1', expect.any(String)]]);
      reads.mockRestore();
      // Another process wrote it.
      await bump(b);
      expect((await a.getVersioned('r'))?.state.nextMessageId).toBe(base + 1);
      // A server of an older version writes no stamp: its revision moved, and a sees it.
      await writeAsOlderServer('r', base + 1, 100);
      expect((await a.get('r'))?.nextMessageId).toBe(100);
      // Deleted and made again elsewhere up to the revision a knows: its stamp differs.
      await bump(a);
      expect((await a.getVersioned('r'))?.revision).toBe(4);
      await b.delete('r');
      await create(b);
      for (let i = 0; i < 3; i++) await bump(b);
      expect(await a.getVersioned('r')).toMatchObject({
        revision: 4,
        state: { nextMessageId: base + 3 },
      });
    } finally {
      await close();
    }
  });

  it('writes an update on its own copy in one call, and folds again on what a lost race answers', async () => {
    const { redis, a, b, writeAsOlderServer, close } = twoProcesses();
    const base = createRoom('r', 1).nextMessageId;
    let decisions = 0;
    const bump = (store: RedisRoomStore) =>
      store.update('r', (current, revision) => {
        decisions++;
        if (!current) throw new Error('missing');
        return {
          state: { ...current, nextMessageId: current.nextMessageId + 1 },
          result: revision,
        };
      });
    const scripts = vi.spyOn(redis, 'eval');
    const calls = () => {
      const kinds = scripts.mock.calls.map(([script]) =>
        String(script).includes('INCRBY') ? 'write' : 'read',
      );
      scripts.mockClear();
      return kinds;
    };
    try {
      await a.update('r', () => ({ state: createRoom('r', 1), result: undefined }));
      calls();
      // a wrote it last: its next update is one write, no read.
      expect(await bump(a)).toBe(1);
      expect(calls()).toEqual(['write']);
      // b wrote meanwhile: a's write is refused with the room as it is, and a writes on that.
      await bump(b);
      decisions = 0;
      expect(await bump(a)).toBe(3);
      expect(calls()).toEqual(['write', 'write']);
      expect(decisions).toBe(2);
      // A server of an older version writes no stamp; only its revision moves.
      await writeAsOlderServer('r', base + 3, 100);
      expect(await bump(a)).toBe(5);
      expect(calls()).toEqual(['write', 'write']);
      // A decision that writes nothing stands only after a read shows the copy is the room.
      decisions = 0;
      const refusal = () =>
        a.update('r', (current) => {
          decisions++;
          return { state: undefined, result: current?.nextMessageId };
        });
      expect(await refusal()).toBe(101);
      expect(calls()).toEqual(['read']);
      expect(decisions).toBe(1);
      // b wrote meanwhile: a's read brings the room, and the decision is taken again on it.
      await bump(b);
      decisions = 0;
      expect(await refusal()).toBe(102);
      expect(calls()).toEqual(['read']);
      expect(decisions).toBe(2);
      expect(await b.getVersioned('r')).toMatchObject({
        revision: 7,
        state: { nextMessageId: 102 },
      });
    } finally {
      scripts.mockRestore();
      await close();
    }
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

describe('RedisRoomStore expiry', () => {
  it('an idle room expires after its TTL and leaves the index; a write restarts the TTL', async () => {
    const prefix = uniquePrefix();
    const store = new RedisRoomStore(new Redis(url), prefix, { idleMs: 400 });
    const raw = new Redis(url);
    try {
      await store.update('idle', () => ({ state: createRoom('idle', 1), result: undefined }));
      await store.update('busy', () => ({ state: createRoom('busy', 1), result: undefined }));
      expect(await raw.pttl(`${prefix}room:idle`)).toBeGreaterThan(0);
      expect(await store.count()).toBe(2);
      // Keep `busy` written while `idle` runs out.
      await eventuallyAsync(async () => {
        await store.touch('busy');
        return (await store.get('idle')) === undefined;
      }, 10_000);
      expect(await store.get('busy')).toBeDefined();
      await eventuallyAsync(async () => (await store.roomIds()).join() === 'busy', 10_000);
      expect(await store.count()).toBe(1);
      // Touching a room that is gone does not bring it back.
      await store.touch('idle');
      expect(await store.get('idle')).toBeUndefined();
    } finally {
      await removeKeys(url, prefix);
      await raw.quit();
      await store.close();
    }
  });

  it('reads a room stored before schema versions (version 1) and writes it back at the current one', async () => {
    const prefix = uniquePrefix();
    const raw = new Redis(url);
    const store = new RedisRoomStore(new Redis(url), prefix);
    try {
      const { loop: _loop, autoplay: _autoplay, ...old } = createRoom('old', 5);
      const { epoch: _epoch, ...oldPlayback } = old.playback;
      await raw.set(`${prefix}room:old`, JSON.stringify({ ...old, playback: oldPlayback }));
      expect(await store.get('old')).toEqual(createRoom('old', 5));
      await store.update('old', (current) => ({ state: current, result: undefined }));
      const stored: unknown = JSON.parse((await raw.get(`${prefix}room:old`)) ?? 'null');
      expect(stored).toMatchObject({ schemaVersion: ROOM_SCHEMA_VERSION, id: 'old' });
    } finally {
      await removeKeys(url, prefix);
      await raw.quit();
      await store.close();
    }
  });
});
