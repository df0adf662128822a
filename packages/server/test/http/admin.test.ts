import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { captureLogs } from '../support/log-capture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'operator-token-0123456789abcdef';
const VIDEO_A = 'https://www.tiktok.com/@alice/video/7400000000000000001';

const count = z.number().min(0);
const statsSchema = z.object({
  at: z.number(),
  uptimeSeconds: count,
  rooms: count,
  connections: count,
  people: count,
  queuedClips: count,
  roomsRead: count,
  topRooms: z.array(z.object({ id: z.string(), people: count, queue: count })),
  resolver: z.object({
    cacheHits: count,
    cacheMisses: count,
    upstreamResolves: count,
    upstreamSeconds: count,
    queueLength: count,
  }),
  memory: z.object({ rssBytes: count, heapUsedBytes: count }),
  cpuSeconds: count,
});

describe('the operator view (/admin)', () => {
  const webDistDir = mkdtempSync(path.join(tmpdir(), 'wt-web-admin-'));
  writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><title>Room</title>');
  writeFileSync(path.join(webDistDir, 'admin.html'), '<!doctype html><title>Operator</title>');
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(() => {
    rmSync(webDistDir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>, logger?: TestServer['logger']) {
    const server = await startTestServer(env, { webDistDir, ...(logger ? { logger } : {}) });
    servers.push(server);
    return server;
  }

  it('does not exist without ADMIN_TOKEN: 404 for the page, its file and its API', async () => {
    const server = await start({});
    for (const route of ['/admin', '/admin.html', '/admin/api/stats', '/admin/anything']) {
      const res = await fetch(`${server.url}${route}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status, route).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    // The room page is untouched.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });

  describe('with ADMIN_TOKEN', () => {
    let server: TestServer;
    const logs = captureLogs('trace');
    beforeAll(async () => {
      server = await startTestServer({ ADMIN_TOKEN: TOKEN }, { webDistDir, logger: logs.logger });
    });
    afterAll(async () => {
      await server.close();
    });

    it('serves its own page (a login form: no token needed to load it)', async () => {
      const res = await fetch(`${server.url}/admin`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Operator</title>');
    });

    it('answers 401 to a missing or wrong token', async () => {
      const url = `${server.url}/admin/api/stats`;
      for (const authorization of [
        undefined,
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(1)}`,
        `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`,
        TOKEN,
      ]) {
        const res = await fetch(url, authorization ? { headers: { authorization } } : {});
        expect(res.status, String(authorization)).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('Bearer');
        expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
      // Nor in the query string: the token never travels in a URL.
      expect((await fetch(`${url}?token=${TOKEN}`)).status).toBe(401);
    });

    it('gives the live numbers to the right token, and never logs the token', async () => {
      const ana = await joinAs(server.url, 'admin-room', 'ana', 'Ana');
      const bo = await joinAs(server.url, 'admin-room', 'bo', 'Bo');
      sockets.push(ana.socket, bo.socket);
      const queues = collect(ana.socket, 'update_queue');
      await ana.socket.emitWithAck('add_video', {
        roomId: 'admin-room',
        video: { url: VIDEO_A },
      });
      await eventually(() => queues.some((queue) => queue[0]?.isProcessing === false));
      const res = await fetch(`${server.url}/admin/api/stats`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const stats = statsSchema.parse(await res.json());
      expect(Math.abs(stats.at - Date.now())).toBeLessThan(60_000);
      expect(stats).toMatchObject({
        rooms: 1,
        connections: 2,
        people: 2,
        queuedClips: 1,
        roomsRead: 1,
        topRooms: [{ id: 'admin-room', people: 2, queue: 1 }],
      });
      // The add went to the (fake) TikTok: one miss, one resolve from the page.
      expect(stats.resolver).toMatchObject({
        cacheHits: 0,
        cacheMisses: 1,
        upstreamResolves: 1,
        queueLength: 0,
      });
      expect(stats.resolver.upstreamSeconds).toBeGreaterThan(0);
      expect(stats.memory.rssBytes).toBeGreaterThan(1024 * 1024);
      expect(stats.memory.heapUsedBytes).toBeGreaterThan(0);
      expect(stats.cpuSeconds).toBeGreaterThan(0);
      expect(JSON.stringify(logs.lines)).not.toContain(TOKEN);
    });
  });

  it('refuses a token shorter than 16 characters at start-up', async () => {
    await expect(start({ ADMIN_TOKEN: 'short' })).rejects.toThrow(/ADMIN_TOKEN/);
  });
});
