import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseServerClock } from '@wt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer as RunningServer } from '../support/server.js';
import { joinAs } from '../support/client.js';
import { startTestServer } from '../support/server.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const withToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };
describe('HTTP endpoints', () => {
  let server: RunningServer;
  const webDistDir = mkdtempSync(path.join(tmpdir(), 'wt-web-'));
  writeFileSync(
    path.join(webDistDir, 'index.html'),
    '<!doctype html><title>Watch Together</title>',
  );
  mkdirSync(path.join(webDistDir, 'assets'));
  const script = `export const words = ${JSON.stringify('watch together '.repeat(5_000))};\n`;
  writeFileSync(path.join(webDistDir, 'assets', 'index-abc123.js'), script);
  // A build's brotli and gzip copies (the web package's precompress.ts) of another script.
  const styles = `.a{color:red}\n`.repeat(2_000);
  writeFileSync(path.join(webDistDir, 'assets', 'index-def456.css'), styles);
  const stylesBr = brotliCompressSync(styles);
  writeFileSync(path.join(webDistDir, 'assets', 'index-def456.css.br'), stylesBr);
  writeFileSync(path.join(webDistDir, 'assets', 'index-def456.css.gz'), gzipSync(styles));

  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN }, { webDistDir });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the app’s assets compressed, immutable, to browsers that accept it', async () => {
    const url = `${server.url}/assets/index-abc123.js`;
    const raw = await new Promise<{ encoding: string | undefined; bytes: number; cache: string }>(
      (resolve, reject) => {
        // fetch() decompresses and hides the encoding: read the wire as a browser gets it.
        void import('node:http').then(({ get }) => {
          get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => {
              resolve({
                encoding: res.headers['content-encoding'],
                bytes,
                cache: res.headers['cache-control'] ?? '',
              });
            });
          }).on('error', reject);
        });
      },
    );
    expect(raw.encoding).toBe('br');
    expect(raw.bytes).toBeLessThan(script.length / 10);
    expect(raw.cache).toContain('immutable');
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(await plain.text()).toBe(script);
  });

  it('sends a build’s precompressed copy of an asset as it is, and the plain file to others', async () => {
    const url = `${server.url}/assets/index-def456.css`;
    const wire = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        void import('node:http').then(({ get }) => {
          get(url, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              resolve({ headers: res.headers, body: Buffer.concat(chunks) });
            });
          }).on('error', reject);
        });
      },
    );
    expect(wire.headers['content-encoding']).toBe('br');
    expect(wire.headers['content-type']).toMatch(/^text\/css/);
    expect(wire.headers['cache-control']).toContain('immutable');
    expect(wire.headers.vary).toMatch(/Accept-Encoding/i);
    expect(wire.body.equals(stylesBr)).toBe(true);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(styles);
  });

  it('a room’s page carries its snapshot, inert whatever people type', async () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const own = await startTestServer({}, { webDistDir });
    const { socket, ack } = await joinAs(own.url, 'snap', 'snap-user', 'Snap');
    await socket.emitWithAck('send_message', { roomId: 'snap', message: hostile });
    const html = await (await fetch(`${own.url}/room/snap`)).text();
    const match = /<script id="wt-room-snapshot" type="application\/json">(.*?)<\/script>/s.exec(
      html,
    );
    const json = match?.[1] ?? '';
    expect(json).not.toContain('<');
    const snapshot: unknown = JSON.parse(json);
    expect(snapshot).toMatchObject({
      id: 'snap',
      users: [{ id: ack.user.id, name: 'Snap' }],
      player: { playing: false, epoch: 0 },
    });
    expect(JSON.stringify(snapshot)).toContain(hostile);
    // No snapshot for a room that does not exist, nor on the front page.
    expect(await (await fetch(`${own.url}/room/empty-room`)).text()).not.toContain(
      'wt-room-snapshot',
    );
    expect(await (await fetch(`${own.url}/`)).text()).not.toContain('wt-room-snapshot');
    socket.disconnect();
    await own.close();
  });

  it('GET /health answers the seed body', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ status: 'healthy' });
    expect(body).toHaveProperty('timestamp');
    expect(body).toHaveProperty('uptime');
  });

  it('GET /health is 503 unhealthy when a required dependency is down', async () => {
    const failing = await startTestServer(
      {},
      { webDistDir, healthChecks: [{ name: 'redis', check: () => Promise.resolve(false) }] },
    );
    const res = await fetch(`${failing.url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unhealthy', down: ['redis'] });
    await failing.close();
  });

  it('GET /metrics exposes rooms, users and events in Prometheus text', async () => {
    const { socket } = await joinAs(server.url, 'metrics-room', 'm1', 'Mo');
    await socket.emitWithAck('time_sync', { clientTime: 1 });
    const res = await fetch(`${server.url}/metrics`, withToken);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^wt_active_rooms 1$/m);
    expect(text).toMatch(/^wt_connected_users 1$/m);
    expect(text).toMatch(/^wt_socket_events_total\{event="join_room",outcome="ok"\} 1$/m);
    expect(text).toContain('process_cpu_seconds_total');
    socket.disconnect();
  });

  it('mounts /api/resolve and the media path, and counts them in /metrics', async () => {
    const link = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';
    const resolved = await fetch(`${server.url}/api/resolve?url=${encodeURIComponent(link)}`);
    expect(resolved.status).toBe(200);
    const body: unknown = await resolved.json();
    expect(body).toMatchObject({
      id: '7400000000000000001',
      source: 'page',
      mediaUrl: '/media/7400000000000000001.mp4',
    });
    const again = await fetch(`${server.url}/api/resolve?url=${encodeURIComponent(link)}`);
    expect(await again.json()).toMatchObject({ source: 'cache' });

    const media = await fetch(`${server.url}/media/7400000000000000001.mp4`, {
      headers: { Range: 'bytes=0-99' },
    });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-type')).toBe('video/mp4');
    expect((await media.arrayBuffer()).byteLength).toBe(100);

    const notTikTok = await fetch(
      `${server.url}/api/resolve?url=${encodeURIComponent('https://example.com/x')}`,
    );
    expect(notTikTok.status).toBe(400);
    expect(await notTikTok.json()).toMatchObject({ error: { code: 'NOT_TIKTOK' } });

    const text = await (await fetch(`${server.url}/metrics`, withToken)).text();
    expect(text).toMatch(/^wt_resolver_cache_misses_total 1$/m);
    expect(text).toMatch(/^wt_resolver_cache_hits_total 1$/m);
    expect(text).toMatch(/^wt_resolve_duration_seconds_count\{source="page"\} 1$/m);
    expect(text).toMatch(/^wt_media_bytes_served_total 100$/m);
    expect(text).toMatch(/^wt_resolver_queue_length 0$/m);
  });

  it('serves the web app at / and /room/:roomId, with security headers', async () => {
    for (const route of ['/', '/room/brave-otter-42']) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Watch Together');
      expect(res.headers.get('content-security-policy')).toContain(
        'frame-src https://www.tiktok.com',
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('stamps every kind of response with the server clock, read between request and answer', async () => {
    const link = 'https://www.tiktok.com/@fake.creator/video/7400000000000000001';
    const paths = [
      '/',
      '/room/brave-otter-42',
      '/assets/index-abc123.js',
      `/api/resolve?url=${encodeURIComponent(link)}`,
      '/media/7400000000000000001.mp4',
      '/health',
      '/api/nothing',
    ];
    for (const route of paths) {
      const sentAt = Date.now();
      const res = await fetch(`${server.url}${route}`);
      const receivedAt = Date.now();
      await res.arrayBuffer();
      const timing = res.headers.get('server-timing') ?? '';
      const description = /(?:^|, )clock;desc="([^"]*)"/.exec(timing)?.[1] ?? '';
      const serverTime = parseServerClock(description);
      expect(serverTime, `${route}: ${timing}`).toBeDefined();
      expect(serverTime).toBeGreaterThanOrEqual(sentAt);
      expect(serverTime).toBeLessThanOrEqual(receivedAt);
    }
  });

  it('refuses an invalid room id and unknown paths with JSON', async () => {
    const bad = await fetch(`${server.url}/room/${'x'.repeat(65)}`);
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({ error: { code: 'ROOM_NOT_FOUND' } });
    const missing = await fetch(`${server.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
