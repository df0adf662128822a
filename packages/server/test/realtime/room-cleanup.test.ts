import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer as RunningServer } from '../support/server.js';
import { joinAs } from '../support/client.js';
import { startTestServer } from '../support/server.js';

async function eventuallyAsync(predicate: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('room cleanup', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('removes only rooms that are empty and idle longer than the idle time', async () => {
    let now = 1_000_000;
    server = await startTestServer({}, { clock: () => now });
    const stay = await joinAs(server.url, 'occupied', 'u1', 'Una');
    const gone = await joinAs(server.url, 'abandoned', 'u2', 'Dos');
    gone.socket.disconnect();
    const running = server;
    await eventuallyAsync(async () => (await running.store.get('abandoned'))?.members.length === 0);

    now += 29 * 60 * 1000;
    expect(await server.runtime.cleanup(30 * 60 * 1000)).toBe(0);
    now += 2 * 60 * 1000;
    expect(await server.runtime.cleanup(30 * 60 * 1000)).toBe(1);
    expect(await server.store.get('abandoned')).toBeUndefined();
    expect(await server.store.get('occupied')).toBeDefined();
    stay.socket.disconnect();
  });

  it('runs on its configured interval', async () => {
    server = await startTestServer({
      ROOM_IDLE_SECONDS: '1',
      ROOM_CLEANUP_INTERVAL_SECONDS: '1',
      METRICS_TOKEN: 'metrics-token-for-tests-0123456789',
    });
    const { socket } = await joinAs(server.url, 'brief', 'u1', 'Una');
    socket.disconnect();
    const running = server;
    const start = Date.now();
    let count = 1;
    while (count > 0 && Date.now() - start < 5000) {
      count = await running.store.count();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(count).toBe(0);
    const metrics = await (
      await fetch(`${running.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-for-tests-0123456789' },
      })
    ).text();
    expect(metrics).toMatch(/^wt_rooms_cleaned_total 1$/m);
  });
});
