import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const METRICS_TOKEN = 'a-metrics-token-of-some-length';

describe('origins and HTTP policy', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses a websocket handshake from another origin, accepts its own and the listed ones', async () => {
    server = await startTestServer({ CORS_ORIGINS: 'https://friends.example' });
    const { url } = server;
    await expect(connect(url, {}, { origin: 'https://evil.example' })).rejects.toThrow();
    const own = await connect(url, {}, { origin: url });
    const listed = await connect(url, {}, { origin: 'https://friends.example' });
    // No Origin header: not a web page (a native or server client).
    const native = await connect(url);
    for (const socket of [own, listed, native]) socket.disconnect();
  });

  it('keeps /metrics off without METRICS_TOKEN, and behind it with one', async () => {
    server = await startTestServer();
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    await server.close();
    server = await startTestServer({ METRICS_TOKEN });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer a-metrics-token-of-some-lengtX' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/wt_connected_users/);
  });

  it('sends the protective headers on pages and on Socket.io long-polling', async () => {
    server = await startTestServer({ CORS_ORIGINS: 'https://friends.example' });
    const page = await fetch(`${server.url}/health`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self' https:\/\/friends\.example/);
    expect(csp).not.toMatch(/connect-src[^;]* wss?:(?:;|\s)/);
    // Images only from here (covers come through /media/:id/thumbnail), never any https: host.
    expect(csp).toMatch(/(?:^|;)img-src 'self' data:(?:;|$)/);
    expect(csp).toMatch(/(?:^|;)script-src 'self'(?:;|$)/);
    expect(page.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(200);
    expect(polling.headers.get('x-content-type-options')).toBe('nosniff');
    expect(polling.headers.get('permissions-policy')).toMatch(/microphone=\(\)/);
    expect(polling.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('lets the listed origins load media across origins, nobody else', async () => {
    server = await startTestServer({ CORS_ORIGINS: 'https://friends.example' });
    const media = `${server.url}/media/7400000000000000001.mp4`;
    const listed = await fetch(media, { headers: { origin: 'https://friends.example' } });
    expect(listed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://friends.example');
    const viaReferer = await fetch(media, {
      headers: { referer: 'https://friends.example/room/x' },
    });
    expect(viaReferer.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const other = await fetch(media, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with PUBLIC_URL, media links are absolute and the page may connect to its wss: origin', async () => {
    server = await startTestServer({
      PUBLIC_URL: 'https://watch.example',
      CORS_ORIGINS: 'https://friends.example',
    });
    const csp = (await fetch(`${server.url}/health`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/friends\.example wss:\/\/watch\.example(?:;|$)/,
    );
    // A page on an allowed origin plays the clip from here: its link says where here is.
    const socket = await connect(server.url, {}, { origin: 'https://friends.example' });
    await socket.emitWithAck('join_room', { roomId: 'public', userId: 'u', name: 'Ana' });
    const added = await socket.emitWithAck('add_video', {
      roomId: 'public',
      video: { url: 'https://www.tiktok.com/@x/video/7400000000000000001' },
    });
    expect(added.ok).toBe(true);
    await server.runtime.drain();
    const room = await server.runtime.state('public');
    expect(room?.queue[0]?.mp4Url).toBe('https://watch.example/media/7400000000000000001.mp4');
    socket.disconnect();
  });

  it('redirects plain HTTP to HTTPS and sends HSTS behind a TLS proxy (FORCE_HTTPS)', async () => {
    server = await startTestServer({ FORCE_HTTPS: 'true', TRUST_PROXY: 'true' });
    const plain = await fetch(`${server.url}/room/abc`, { redirect: 'manual' });
    expect(plain.status).toBe(308);
    expect(plain.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/room\/abc$/);
    const secure = await fetch(`${server.url}/health`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect((await fetch(`${server.url}/health`)).status).not.toBe(308);
  });
});
