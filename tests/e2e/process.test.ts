import { spawnSync } from 'node:child_process';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { serverEntry, startApp } from './support/app-process.js';

describe('the server process', () => {
  it('refuses bad settings with a clear message and exit code 1', () => {
    const result = spawnSync(process.execPath, [serverEntry], {
      env: { ...process.env, PORT: 'not-a-port', ROOM_IDLE_SECONDS: '-5' },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid settings');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('ROOM_IDLE_SECONDS');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('stops gracefully on SIGTERM, closing client connections', async () => {
    const app = await startApp();
    const socket = io(app.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) =>
      socket.once('connect', () => {
        resolve();
      }),
    );
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const code = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(await disconnected).toBeTruthy();
    expect(app.output()).not.toContain('shutdown took too long');
  });
});
