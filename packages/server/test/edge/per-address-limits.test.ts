import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, emitRaw, type TestSocket } from '../support/client.js';
import { sendPacedChats } from '../support/paced-chats.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Limits per address, with clients from different loopback source addresses (all of
 * 127.0.0.0/8 is this machine), so one "person" is stopped while another carries on.
 */
describe('limits per address', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    server = undefined;
  });

  /** The status of a GET made from `address`. */
  function statusFrom(address: string, path: string): Promise<number> {
    const base = server?.url;
    if (base === undefined) throw new Error('no server');
    return new Promise((resolve, reject) => {
      get(new URL(path, base), { localAddress: address }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
  }

  async function from(address: string): Promise<TestSocket> {
    if (!server) throw new Error('no server');
    const socket = await connect(server.url, {}, { localAddress: address });
    sockets.push(socket);
    return socket;
  }

  it('holds one address to MAX_CONNECTIONS_PER_IP while another still connects', async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: '3' });
    for (let i = 0; i < 3; i++) await from('127.0.3.1');
    await expect(from('127.0.3.1')).rejects.toThrow();
    await from('127.0.3.2');
    // A closed connection gives its place back.
    sockets[0]?.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await from('127.0.3.1');
  });

  it('holds one address to ADDRESS_EVENTS_PER_SECOND over its connections; another is unaffected', async () => {
    server = await startTestServer({
      ADDRESS_EVENTS_PER_SECOND: '20',
      // Each connection's own budget stays out of the way.
      SOCKET_EVENTS_PER_SECOND: '100',
      SOCKET_EVENTS_BURST: '200',
    });
    // 16 a second on each of two connections (under the budget on either alone, 32 in
    // all), 8 from the calm address.
    const busy = [await from('127.0.4.1'), await from('127.0.4.1')];
    const calm = await from('127.0.4.2');
    const refused = await sendPacedChats(
      [...busy.map((socket) => ({ socket, perSecond: 16 })), { socket: calm, perSecond: 8 }],
      3_000,
    );
    const busyRefused = busy.reduce((sum, socket) => sum + (refused.get(socket) ?? 0), 0);
    expect(busyRefused).toBeGreaterThan(5);
    expect(refused.get(calm)).toBe(0);
  });

  it('lets one address open ROOMS_PER_IP_PER_MINUTE new rooms; joining existing ones stays open', async () => {
    server = await startTestServer({ ROOMS_PER_IP_PER_MINUTE: '2' });
    const busy = await from('127.0.4.1');
    const join = (socket: TestSocket, roomId: string) =>
      emitRaw(socket, 'join_room', { roomId, userId: 'u', name: 'Busy', protocolVersion: 3 });
    expect(await join(busy, 'new-1')).toMatchObject({ ok: true });
    expect(await join(busy, 'new-2')).toMatchObject({ ok: true });
    expect(await join(busy, 'new-3')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await join(busy, 'new-1')).toMatchObject({ ok: true });
    const other = await from('127.0.4.2');
    expect(await join(other, 'new-3')).toMatchObject({ ok: true });
    // Now that it exists, the busy address may join it.
    expect(await join(busy, 'new-3')).toMatchObject({ ok: true });
  });

  it('refuses a newcomer past MAX_ROOM_MEMBERS; people already in can come back', async () => {
    server = await startTestServer({ MAX_ROOM_MEMBERS: '2' });
    const join = async (address: string, name: string) =>
      emitRaw(await from(address), 'join_room', { roomId: 'small', userId: name, name });
    expect(await join('127.0.5.1', 'Ann')).toMatchObject({ ok: true });
    expect(await join('127.0.5.2', 'Ben')).toMatchObject({ ok: true });
    expect(await join('127.0.5.3', 'Cy')).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL' },
    });
  });

  it('spends one TikTok fetch budget per address for add_video and /api/resolve', async () => {
    server = await startTestServer({ RESOLVE_RATE_PER_MINUTE: '2' });
    const adder = await from('127.0.6.1');
    await emitRaw(adder, 'join_room', { roomId: 'budget', userId: 'a', name: 'Adder' });
    const add = (n: number) =>
      emitRaw(adder, 'add_video', {
        roomId: 'budget',
        video: { url: `https://www.tiktok.com/@a/video/74000000000000000${String(10 + n)}` },
      });
    expect(await add(1)).toMatchObject({ ok: true });
    expect(await add(2)).toMatchObject({ ok: true });
    expect(await add(3)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // The same budget: /api/resolve from this address is refused too.
    expect(
      await statusFrom(
        '127.0.6.1',
        '/api/resolve?url=' +
          encodeURIComponent('https://www.tiktok.com/@a/video/7400000000000000019'),
      ),
    ).toBe(429);
    // Not a TikTok link: refused for what it is, and it costs nothing.
    expect(
      await emitRaw(adder, 'add_video', {
        roomId: 'budget',
        video: { url: 'https://example.com/x' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_TIKTOK' },
    });
    // Another address still adds.
    const friend = await from('127.0.6.2');
    await emitRaw(friend, 'join_room', { roomId: 'budget', userId: 'f', name: 'Friend' });
    expect(
      await emitRaw(friend, 'add_video', {
        roomId: 'budget',
        video: { url: 'https://www.tiktok.com/@a/video/7400000000000000020' },
      }),
    ).toMatchObject({ ok: true });
  });
});
