import type { RoomDelta } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { eventually, joinAs } from '../support/client.js';
import { onOneRedis } from './on-one-redis.js';

/**
 * A protocol 3 client (the web app) in a room written from two processes at once: it gets
 * every revision from its join on, each exactly once, whichever process wrote it. (Their
 * order across processes is not promised: the web app puts them in order, `DeltaStream`.)
 */
describe('room_delta revisions across two processes', () => {
  const redis = onOneRedis();
  const env = {
    SESSION_SECRET: 'delta-revisions-secret-0123456789abcdef',
    SOCKET_EVENTS_PER_SECOND: '200',
  };

  it('every revision reaches a watcher once, from both writers', async () => {
    const one = await redis.start(env);
    const two = await redis.start(env);
    const watcher = await joinAs(one.url, 'revs', 'watcher', 'Wat', 3);
    redis.track(watcher.socket);
    const from = watcher.ack.room.rev;
    if (from === undefined) throw new Error('the join carries no revision');
    const envelopes: RoomDelta[] = [];
    watcher.socket.on('room_delta', (delta) => envelopes.push(delta));
    watcher.socket.on('room_deltas', (deltas) => envelopes.push(...deltas));
    const alice = await joinAs(one.url, 'revs', 'alice', 'Alice', 3);
    const bob = await joinAs(two.url, 'revs', 'bob', 'Bob', 3);
    redis.track(alice.socket, bob.socket);

    const sends = Array.from({ length: 30 }, (_, i) =>
      (i % 2 === 0 ? alice : bob).socket.emitWithAck('send_message', {
        roomId: 'revs',
        message: `line ${i}`,
      }),
    );
    expect((await Promise.all(sends)).every((ack) => ack.ok)).toBe(true);
    const stored = await one.store.getVersioned('revs');
    const last = stored?.revision;
    if (last === undefined) throw new Error('no room');
    await eventually(() => envelopes.some((delta) => delta.rev === last), 10_000);

    const revs = envelopes.map((delta) => delta.rev).sort((a, b) => a - b);
    const expected = Array.from({ length: last - from }, (_, i) => from + 1 + i);
    expect(revs).toEqual(expected);
    const lines = envelopes.flatMap((delta) =>
      delta.changes.flatMap((change) =>
        change.kind === 'message' && change.message.isSystem !== true ? [change.message.text] : [],
      ),
    );
    expect(new Set(lines).size).toBe(30);
    expect(lines).toHaveLength(30);
  });
});
