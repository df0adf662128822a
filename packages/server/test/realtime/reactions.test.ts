import { ReactionLimits, type Reaction } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, emitRaw, eventually, joinAs, next, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('send_reaction between real clients', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  async function join(roomId: string, name: string, protocol: number | null = 3) {
    const joined = await joinAs(server.url, roomId, `${name}-hint`, name, protocol);
    sockets.push(joined.socket);
    return joined;
  }

  it('relays a reaction with its clip and clip time to everyone else, any protocol', async () => {
    const ana = await join('react', 'Ana');
    const bo = await join('react', 'Bo', 3);
    const seed = await join('react', 'Seed', null);
    const other = await join('elsewhere', 'Cy');
    const otherSeen = collect(other.socket, 'reaction');
    const anaSeen = collect(ana.socket, 'reaction');
    const toBo = next(bo.socket, 'reaction');
    const toSeed = next(seed.socket, 'reaction');

    const ack = await ana.socket.emitWithAck('send_reaction', {
      roomId: 'react',
      emoji: '🔥',
      itemId: 4,
      clipTime: 12.5,
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const expected: Omit<Reaction, 'id' | 'sentAt'> = {
      userId: ana.ack.user.id,
      emoji: '🔥',
      itemId: 4,
      clipTime: 12.5,
    };
    expect(ack.reaction).toMatchObject(expected);
    expect(await toBo).toEqual(ack.reaction);
    expect(await toSeed).toEqual(ack.reaction);
    // Not stored: a newcomer's room has no trace of it, and the sender's own copy is the ack.
    const late = await join('react', 'Late');
    expect(JSON.stringify(late.ack.room)).not.toContain('🔥');
    expect(anaSeen).toEqual([]);
    expect(otherSeen).toEqual([]);
  });

  it('refuses what is not a reaction with INVALID_PAYLOAD', async () => {
    const ana = await join('bad', 'Ana');
    const seen = collect((await join('bad', 'Bo')).socket, 'reaction');
    const base = { roomId: 'bad', emoji: '❤️', itemId: 1, clipTime: 1 } as const;
    // (Socket.io sends NaN and Infinity as null: refused all the same.)
    for (const payload of [
      { ...base, emoji: '💩' },
      { ...base, emoji: '<script>' },
      { ...base, clipTime: -1 },
      { ...base, clipTime: Number.POSITIVE_INFINITY },
      { ...base, clipTime: Number.NaN },
      { ...base, clipTime: '3' },
      { ...base, itemId: 1.5 },
      { ...base, roomId: 'no spaces' },
      'not an object',
    ]) {
      const ack = await emitRaw(ana.socket, 'send_reaction', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    const notInRoom = await ana.socket.emitWithAck('send_reaction', { ...base, roomId: 'other' });
    expect(notInRoom).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([]);
  });

  it('limits each connection to a few reactions a second (RATE_LIMITED beyond)', async () => {
    const ana = await join('rate', 'Ana');
    const bo = await join('rate', 'Bo');
    const seen = collect(bo.socket, 'reaction');
    const payload = { roomId: 'rate', emoji: '👏', itemId: 1, clipTime: 2 } as const;
    const acks = await Promise.all(
      Array.from({ length: ReactionLimits.burst + 5 }, () =>
        ana.socket.emitWithAck('send_reaction', payload),
      ),
    );
    const accepted = acks.filter((ack) => ack.ok).length;
    const refused = acks.filter((ack) => !ack.ok);
    // The bucket refills at perSecond while the burst is handled: a refill of one at most.
    expect(accepted).toBeGreaterThanOrEqual(ReactionLimits.burst);
    expect(accepted).toBeLessThanOrEqual(ReactionLimits.burst + 1);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    for (const ack of refused) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    }
    await eventually(() => seen.length === accepted);
    // Bo has an allowance of his own.
    const bos = await bo.socket.emitWithAck('send_reaction', payload);
    expect(bos.ok).toBe(true);
  });
});
