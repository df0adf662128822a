import { readFileSync } from 'node:fs';
import type { RoomStateView } from '@wt/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { next, type TestSocket } from '../support/client.js';
import { freePort } from '../support/free-port.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startNginxInFront, type NginxInFront } from './behind-nginx.js';
import { checkConfig, renderSite, SHIPPED_SITE, writePrefix } from './nginx-site.js';

const shipped = readFileSync(SHIPPED_SITE, 'utf8');

describe('nginx -t on deploy/nginx.conf', () => {
  it('accepts the shipped site, and refuses a broken copy', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const site = renderSite(shipped, ports, await freePort());
    const good = writePrefix(site);
    const broken = writePrefix(site.replace('proxy_http_version 1.1;', 'proxy_http_version 1.1'));
    try {
      const accepted = checkConfig(good);
      expect(accepted.output).toContain('test is successful');
      expect(accepted.ok).toBe(true);
      const refused = checkConfig(broken);
      expect(refused.ok).toBe(false);
      expect(refused.output).toContain('test failed');
    } finally {
      good.remove();
      broken.remove();
    }
  });
});

const resolved = z.object({ mediaUrl: z.string() });

// Two app processes, each with its own memory: a long-polling session, or a media request
// after its resolve, only works if nginx sends every request of one client to one process
// (without the upstream's `hash`, both of those tests fail).
describe('real traffic through the shipped site', () => {
  const apps: TestServer[] = [];
  const sockets: TestSocket[] = [];
  let nginx: NginxInFront | undefined;
  let base = '';

  beforeAll(async () => {
    apps.push(await startTestServer({ TRUST_PROXY: 'true' }));
    apps.push(await startTestServer({ TRUST_PROXY: 'true' }));
    nginx = await startNginxInFront(
      shipped,
      apps.map((app) => app.port),
    );
    base = nginx.base;
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await nginx?.stop();
    for (const app of apps.splice(0)) await app.close();
  });

  /** A socket.io-client connected through nginx on exactly these transports. */
  async function connectVia(transports: ('websocket' | 'polling')[]): Promise<TestSocket> {
    const socket: TestSocket = io(base, {
      transports,
      upgrade: false,
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        resolve();
      });
      socket.once('connect_error', reject);
    });
    return socket;
  }

  /** Joins `roomId`, then checks `room_state` and that a chat line comes back. */
  async function joinAndChat(socket: TestSocket, roomId: string): Promise<RoomStateView> {
    const state = next(socket, 'room_state', 10_000);
    const ack = await socket.emitWithAck('join_room', {
      roomId,
      userId: `${roomId}-u`,
      name: 'Ann',
    });
    expect(ack.ok).toBe(true);
    const message = next(socket, 'new_message', 10_000);
    await socket.emitWithAck('send_message', { roomId, message: 'hello through nginx' });
    expect((await message).text).toBe('hello through nginx');
    return state;
  }

  it('GET /health answers through nginx', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'healthy' });
  });

  it('does not expose /metrics to viewers', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  it('a websocket-only client connects, joins and receives room_state', async () => {
    const socket = await connectVia(['websocket']);
    expect(socket.io.engine.transport.name).toBe('websocket');
    const state = await joinAndChat(socket, 'via-websocket');
    expect(state.id).toBe('via-websocket');
  });

  it('a long-polling-only client connects, joins and receives room_state', async () => {
    const socket = await connectVia(['polling']);
    expect(socket.io.engine.transport.name).toBe('polling');
    const state = await joinAndChat(socket, 'via-polling');
    expect(state.id).toBe('via-polling');
  });

  it('passes a media Range request through: 206 with the exact bytes', async () => {
    const url = `https://www.tiktok.com/@x/video/${FAKE_IDS.current}`;
    const res = await fetch(`${base}/api/resolve?url=${encodeURIComponent(url)}`);
    expect(res.status).toBe(200);
    const { mediaUrl } = resolved.parse(await res.json());
    const video = apps[0]!.fake.video;
    const media = await fetch(`${base}${mediaUrl}`, { headers: { range: 'bytes=100-1099' } });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-range')).toBe(`bytes 100-1099/${video.length}`);
    expect(media.headers.get('content-type')).toBe('video/mp4');
    const body = Buffer.from(await media.arrayBuffer());
    expect(body.equals(video.subarray(100, 1100))).toBe(true);
  });
});

// With TRUST_PROXY=true the app takes the client's address from X-Forwarded-For; nginx must
// write that header itself, or a viewer could name any address and escape per-IP limits.
describe('X-Forwarded-For through the shipped site', () => {
  let app: TestServer | undefined;
  let nginx: NginxInFront | undefined;

  beforeAll(async () => {
    app = await startTestServer({ TRUST_PROXY: 'true', RESOLVE_RATE_PER_MINUTE: '1' });
    nginx = await startNginxInFront(shipped, [app.port]);
  });
  afterAll(async () => {
    await nginx?.stop();
    await app?.close();
  });

  it('a forged X-Forwarded-For does not escape the per-IP resolve limit', async () => {
    const url = encodeURIComponent(`https://www.tiktok.com/@x/video/${FAKE_IDS.current}`);
    const resolve = (forged: string) =>
      fetch(`${nginx!.base}/api/resolve?url=${url}`, { headers: { 'x-forwarded-for': forged } });
    expect((await resolve('203.0.113.1')).status).toBe(200);
    expect((await resolve('203.0.113.2')).status).toBe(429);
  });
});

// The deployment's topology without containers: nginx (the shipped site) in front of app
// processes that share their rooms through one Redis. A viewer behind nginx and viewers
// on each process are in one room: every chat line reaches everyone, whichever process
// it was sent on, over websocket and long-polling alike.
describe('nginx in front of two processes on one Redis', () => {
  const prefix = uniquePrefix();
  let redisUrl = '';
  const apps: TestServer[] = [];
  const sockets: TestSocket[] = [];
  let nginx: NginxInFront | undefined;

  beforeAll(async () => {
    redisUrl = await testRedisUrl();
    const env = {
      TRUST_PROXY: 'true',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      SESSION_SECRET: 'nginx-topology-secret-0123456789abcdef',
    };
    apps.push(await startTestServer(env), await startTestServer(env));
    nginx = await startNginxInFront(
      shipped,
      apps.map((app) => app.port),
    );
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await nginx?.stop();
    for (const app of apps.splice(0)) await app.close();
    await removeKeys(redisUrl, prefix);
  });

  async function viewer(
    url: string,
    name: string,
    transports: ('websocket' | 'polling')[],
  ): Promise<TestSocket> {
    const socket: TestSocket = io(url, { transports, upgrade: false, forceNew: true });
    sockets.push(socket);
    const ack = await socket.emitWithAck('join_room', { roomId: 'topology', userId: name, name });
    if (!ack.ok) throw new Error(ack.error.message);
    return socket;
  }

  it('chat crosses between a viewer behind nginx and viewers on each process', async () => {
    const [first, second] = apps;
    if (!first || !second || !nginx) throw new Error('not started');
    const viewers = [
      await viewer(nginx.base, 'Nia', ['polling']),
      await viewer(first.url, 'Fay', ['websocket']),
      await viewer(second.url, 'Sol', ['websocket']),
    ];
    for (const [index, sender] of viewers.entries()) {
      const text = `line ${index} through the deployment`;
      const heard = viewers.map((socket) =>
        next(socket, 'new_message', 10_000).then((message) => message.text),
      );
      const sent = await sender.emitWithAck('send_message', { roomId: 'topology', message: text });
      expect(sent.ok).toBe(true);
      expect(await Promise.all(heard)).toEqual([text, text, text]);
    }
  });
});
