import { apply, createRoom, type RoomState } from '@wt/room';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomStore } from '../../src/store/room-store.js';

/** One suite every RoomStore implementation must pass. */
export function roomStoreContract(name: string, make: () => Promise<RoomStore>): void {
  describe(`RoomStore contract: ${name}`, () => {
    let store: RoomStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    const joined = (room: RoomState, userId: string): RoomState => {
      const result = apply(room, { type: 'join', userId, name: userId }, 1000);
      if (!result.ok) throw new Error(result.error.message);
      return result.state;
    };

    it('creates, reads and deletes a room', async () => {
      expect(await store.get('r1')).toBeUndefined();
      expect(await store.has('r1')).toBe(false);
      const created = await store.update('r1', (current) => {
        const state = current ?? createRoom('r1', 1000);
        return { state, result: state.id };
      });
      expect(created).toBe('r1');
      expect(await store.get('r1')).toEqual(createRoom('r1', 1000));
      expect(await store.has('r1')).toBe(true);
      expect(await store.count()).toBe(1);
      expect(await store.roomIds()).toEqual(['r1']);
      await store.delete('r1');
      expect(await store.get('r1')).toBeUndefined();
      expect(await store.has('r1')).toBe(false);
      expect(await store.count()).toBe(0);
    });

    it('counts revisions: 0 before the room exists, one more per write, none for a refusal', async () => {
      const seen: number[] = [];
      const write = (state: RoomState | undefined) =>
        store.update('rv', (current, revision) => {
          seen.push(revision);
          return { state: state ?? current, result: revision };
        });
      expect(await store.getVersioned('rv')).toBeUndefined();
      await write(createRoom('rv', 1000));
      await write(joined(createRoom('rv', 1000), 'alice'));
      await store.update('rv', (_current, revision) => {
        seen.push(revision);
        return { state: undefined, result: undefined };
      });
      await write(joined(joined(createRoom('rv', 1000), 'alice'), 'bob'));
      expect(seen).toEqual([0, 1, 2, 2]);
      const versioned = await store.getVersioned('rv');
      expect(versioned?.revision).toBe(3);
      expect(versioned?.state.members.map((m) => m.id)).toEqual(['alice', 'bob']);
    });

    it('writes nothing when the decision has no state', async () => {
      const result = await store.update('r2', () => ({ state: undefined, result: 'refused' }));
      expect(result).toBe('refused');
      expect(await store.get('r2')).toBeUndefined();
    });

    it('round-trips a full room state exactly', async () => {
      let room = joined(createRoom('r3', 1000), 'alice');
      const added = apply(
        room,
        {
          type: 'addVideo',
          userId: 'alice',
          url: 'https://www.tiktok.com/@a/video/7400000000000000001',
        },
        2000,
      );
      if (!added.ok) throw new Error('add failed');
      room = added.state;
      await store.update('r3', () => ({ state: room, result: undefined }));
      expect(await store.get('r3')).toEqual(room);
    });

    it('applies concurrent updates of one room atomically (none lost)', async () => {
      await store.update('r4', () => ({ state: createRoom('r4', 1000), result: undefined }));
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          store.update('r4', (current) => {
            if (!current) throw new Error('missing');
            return { state: joined(current, `user-${i}`), result: undefined };
          }),
        ),
      );
      const room = await store.get('r4');
      expect(room?.members).toHaveLength(25);
    });

    it('gives concurrent updates each its own revision and result; a refusal or a throw alone', async () => {
      await store.update('r6', () => ({ state: createRoom('r6', 1000), result: 0 }));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.update('r6', (current, revision) => {
            if (!current) throw new Error('missing');
            if (i === 5) throw new Error('a bug in one decision');
            // Every fourth is refused: it writes nothing and takes no revision.
            if (i % 4 === 3) return { state: undefined, result: -revision };
            return { state: joined(current, `user-${i}`), result: revision };
          }),
        ),
      );
      const values = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? outcome.value : 'threw',
      );
      // In order: the revision each write was given, one more each; a refusal sees the
      // revision it would have had; the throw failed alone.
      expect(values).toEqual([1, 2, 3, -4, 4, 'threw', 5, -6, 6, 7, 8, -9]);
      const versioned = await store.getVersioned('r6');
      expect(versioned?.revision).toBe(9);
      expect(versioned?.state.members).toHaveLength(8);
    });

    it('deleteIf removes only when the predicate holds', async () => {
      await store.update('r5', () => ({ state: createRoom('r5', 1000), result: undefined }));
      expect(await store.deleteIf('r5', (room) => room.members.length > 0)).toBe(false);
      expect(await store.get('r5')).toBeDefined();
      expect(await store.deleteIf('r5', (room) => room.members.length === 0)).toBe(true);
      expect(await store.get('r5')).toBeUndefined();
      expect(await store.deleteIf('missing', () => true)).toBe(false);
    });
  });
}
