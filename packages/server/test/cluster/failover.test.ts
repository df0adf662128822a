import type { PlayerStatePayload, RoomStateView } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericId } from '../fake-tiktok/catalog.js';
import { collect, eventually, type TestSocket } from '../support/client.js';
import { member } from './clients.js';
import type { ServerProcess } from './processes.js';
import { SwitchingProxy } from './switching-proxy.js';
import { startTwoProcesses, type TwoProcesses } from './two-processes.js';

const LONG = 30_000;
/** The web app's reconnection (packages/web/src/lib/socket.ts): 500 ms, then up to 5 s. */
const WEB_RECONNECTION = { delayMs: 500, maxDelayMs: 5_000 };

/** Where the room's timeline is at server time `at` (seconds into the clip). */
function positionAt(state: PlayerStatePayload, at: number): number {
  return state.playing ? state.time + ((at - state.updatedAt) / 1000) * state.rate : state.time;
}

/**
 * A crash behind a load balancer: the process a viewer is on dies (kill -9) while the room
 * plays, the balancer sends her to the other process, and she is back in the room, at the
 * live position, within 2 s.
 */
describe('failover of a playing room between two processes on one Redis', () => {
  let cluster: TwoProcesses;
  let one: ServerProcess;
  let two: ServerProcess;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startTwoProcesses();
    ({ one, two } = cluster);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster.stop();
  });

  it.each([
    ['SIGKILL', 'a crash (kill -9)'],
    ['SIGTERM', 'a graceful stop (SIGTERM)'],
  ] as const)(
    '%s of the process a viewer is on (%s): she is back at the live position within 2 s',
    async (signal, _kind) => {
      const roomId = `failover-${signal}`;
      const proxy = await SwitchingProxy.start(one.port);
      try {
        const alice = await member(proxy.url, roomId, 'alice', WEB_RECONNECTION);
        const bob = await member(two.url, roomId, 'bob');
        sockets.push(alice, bob);
        const queues = collect(bob, 'update_queue');
        const added = await bob.emitWithAck('add_video', {
          roomId,
          video: { url: `https://www.tiktok.com/@fake/video/${genericId(501)}` },
        });
        if (!added.ok) throw new Error(added.error.message);
        await eventually(() => (queues.at(-1) ?? []).some((item) => item.mp4Url), LONG);
        const played = collect(bob, 'player_state');
        const play = await bob.emitWithAck('player_play', { roomId, time: 0 });
        if (!play.ok) throw new Error(play.error.message);
        await eventually(() => played.some((state) => state.playing), LONG);
        const live = played.filter((state) => state.playing).at(-1);
        if (!live) throw new Error('the room never played');
        await new Promise((resolve) => setTimeout(resolve, 1000));

        // Her process dies; the balancer's next connection goes to the other one.
        const back = new Promise<{ state: RoomStateView; at: number }>((resolve) => {
          alice.once('room_state', (state) => {
            resolve({ state, at: Date.now() });
          });
        });
        const killedAt = Date.now();
        await one.kill(signal);
        proxy.pointAt(two.port);
        proxy.dropAll();
        const { state, at } = await back;
        const tookMs = at - killedAt;
        const offMs = Math.abs(state.currentTime - positionAt(live, state.serverTime)) * 1000;
        console.log(
          `failover after ${signal}: back in the room ${String(tookMs)} ms after the kill, ${offMs.toFixed(1)} ms from the live position`,
        );
        expect(state.playing).toBe(true);
        expect(state.currentVideoIndex).toBe(live.currentVideoIndex);
        // The room's clock went on without her process: its position is the live one.
        expect(offMs).toBeLessThan(20);
        expect(tookMs).toBeLessThan(2000);
      } finally {
        await proxy.close();
        await one.restart();
      }
    },
    LONG * 3,
  );
});
