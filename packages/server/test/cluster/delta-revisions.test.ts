import type { RoomDelta } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { BATCH_FROM_RECIPIENTS } from '../../src/realtime/delta-broadcast.js';
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

  it('a big room: each member gets the changes of both writers in one stream of batches', async () => {
    // A window long enough that both processes' writes of the burst below fall in one,
    // however busy the machine: with the default 50 ms, a clean-clone CI run (the whole
    // suite beside it) got each process's changes in runs longer than a window, and no
    // packet held both writers.
    const bigEnv = { ...env, MAX_CONNECTIONS_PER_IP: '200', DELTA_BATCH_MS: '1000' };
    const one = await redis.start(bigEnv);
    const two = await redis.start(bigEnv);
    // A room big enough to be batched, its members on both processes.
    for (let i = 0; i < BATCH_FROM_RECIPIENTS; i++) {
      const member = await joinAs((i % 2 === 0 ? one : two).url, 'big', `m${i}`, `M${i}`, 3);
      redis.track(member.socket);
    }
    const watcher = await joinAs(two.url, 'big', 'watcher', 'Wat', 3);
    const from = watcher.ack.room.rev;
    if (from === undefined) throw new Error('the join carries no revision');
    const packets: RoomDelta[][] = [];
    watcher.socket.on('room_delta', (delta) => packets.push([delta]));
    watcher.socket.on('room_deltas', (deltas) => packets.push(deltas));
    const alice = await joinAs(one.url, 'big', 'alice', 'Alice', 3);
    const bob = await joinAs(two.url, 'big', 'bob', 'Bob', 3);
    redis.track(watcher.socket, alice.socket, bob.socket);

    const sends = Array.from({ length: 40 }, (_, i) =>
      (i % 2 === 0 ? alice : bob).socket.emitWithAck('send_message', {
        roomId: 'big',
        message: `${i % 2 === 0 ? 'alice' : 'bob'} ${i}`,
      }),
    );
    expect((await Promise.all(sends)).every((ack) => ack.ok)).toBe(true);
    const last = (await one.store.getVersioned('big'))?.revision;
    if (last === undefined) throw new Error('no room');
    await eventually(() => packets.some((packet) => packet.some((d) => d.rev === last)), 10_000);

    // Every revision after its join once (its own join's may follow the ack: it drops
    // that one), each packet in revision order.
    const revs = packets
      .flat()
      .map((delta) => delta.rev)
      .filter((rev) => rev > from);
    expect([...revs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: last - from }, (_, i) => from + 1 + i),
    );
    for (const packet of packets) {
      expect(packet.map((d) => d.rev)).toEqual([...packet.map((d) => d.rev)].sort((a, b) => a - b));
    }
    // Batched where delivered: one packet carries what both processes stored (batched
    // where stored, each process sent its own changes in packets of their own).
    const writers = packets.map(
      (packet) =>
        new Set(
          packet.flatMap((delta) =>
            delta.changes.flatMap((change) =>
              change.kind === 'message' && change.message.isSystem !== true
                ? [change.message.text.split(' ')[0]]
                : [],
            ),
          ),
        ),
    );
    expect(writers.some((names) => names.has('alice') && names.has('bob'))).toBe(true);
    expect(packets.length).toBeLessThan(40);
  }, 60_000);
});
