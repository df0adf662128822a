import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Tarpit } from '../../src/edge/tarpit.js';

/** A real TCP server whose accepted connections go to `accepted`, and clients to it. */
async function listen(
  accepted: (socket: Socket) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer(accepted);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

function dial(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      const opened = performance.now();
      const closed = new Promise<number>((done) => {
        socket.once('close', () => {
          done(performance.now() - opened);
        });
      });
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

describe('the tarpit', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const open = server;
    server = undefined;
    if (open) await new Promise((resolve) => open.close(resolve));
  });

  it('holds connections until the given moment, then closes them; refuses past its bounds', async () => {
    const tarpit = new Tarpit({ perAddress: 2, total: 3 });
    const outcomes: boolean[] = [];
    const listening = await listen((socket) => {
      const address = outcomes.length < 3 ? 'a' : 'b';
      const held = tarpit.hold(socket, address, Date.now() + 400);
      outcomes.push(held);
      if (!held) socket.destroy();
    });
    server = listening.server;
    const a1 = await dial(listening.port);
    const a2 = await dial(listening.port);
    const a3 = await dial(listening.port); // a's third: over its two
    const b1 = await dial(listening.port);
    const b2 = await dial(listening.port); // the fourth in all: over three
    await expect(a3.closed).resolves.toBeLessThan(300);
    await expect(b2.closed).resolves.toBeLessThan(300);
    expect(outcomes).toEqual([true, true, false, true, false]);
    expect(tarpit.size()).toBe(3);
    // Held ones stay open until their moment, then close; the tarpit forgets them.
    for (const held of [a1, a2, b1]) await expect(held.closed).resolves.toBeGreaterThan(300);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tarpit.size()).toBe(0);
  });

  it('closes every held connection on close()', async () => {
    const tarpit = new Tarpit();
    const listening = await listen((socket) => {
      tarpit.hold(socket, 'a', Date.now() + 60_000);
    });
    server = listening.server;
    const held = await dial(listening.port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tarpit.size()).toBe(1);
    tarpit.close();
    await expect(held.closed).resolves.toBeLessThan(5_000);
  });
});
