import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The web app's public files are copied into its build as they are: serve the real ones.
const publicDir = path.resolve(import.meta.dirname, '../../../web/public');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The `content` of `<meta {attribute}="{key}">` in `html`. */
function meta(html: string, attribute: 'property' | 'name', key: string): string | undefined {
  return new RegExp(`<meta ${attribute}="${key}" content="([^"]*)" />`).exec(html)?.[1];
}

describe('the web app’s pages, manifest, service worker and link previews', () => {
  let server: TestServer;
  const distDir = mkdtempSync(path.join(tmpdir(), 'wt-web-pages-'));
  const STYLE = 'body{color:#fe2c55}';
  writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><html><head><title>Watch Together</title>' +
      '<script type="module" crossorigin src="/assets/main-t1.js"></script>' +
      '<link rel="stylesheet" crossorigin href="/assets/main-t1.css"></head><body></body></html>',
  );
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(path.join(distDir, 'assets', 'main-t1.css'), STYLE);
  for (const file of ['manifest.webmanifest', 'sw.js', 'og-image.png', 'favicon.svg']) {
    copyFileSync(path.join(publicDir, file), path.join(distDir, file));
  }
  mkdirSync(path.join(distDir, 'icons'));
  for (const file of ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) {
    copyFileSync(path.join(publicDir, 'icons', file), path.join(distDir, 'icons', file));
  }

  beforeAll(async () => {
    server = await startTestServer({}, { webDistDir: distDir });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the manifest as a manifest, with a share target and icons that exist', async () => {
    const res = await fetch(`${server.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    const manifest: unknown = await res.json();
    expect(manifest).toMatchObject({
      name: 'TikTok Watch Together',
      start_url: '/',
      display: 'standalone',
      theme_color: '#000000',
      share_target: {
        action: '/share',
        method: 'GET',
        params: { title: 'title', text: 'text', url: 'url' },
      },
    });
    const icons: unknown =
      typeof manifest === 'object' && manifest !== null && 'icons' in manifest
        ? manifest.icons
        : undefined;
    expect(icons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sizes: '192x192', purpose: 'any', type: 'image/png' }),
        expect.objectContaining({ sizes: '512x512', purpose: 'any', type: 'image/png' }),
        expect.objectContaining({ sizes: '512x512', purpose: 'maskable', type: 'image/png' }),
      ]),
    );
    const list: unknown[] = Array.isArray(icons) ? icons : [];
    for (const icon of list) {
      const src = typeof icon === 'object' && icon !== null && 'src' in icon ? icon.src : undefined;
      expect(typeof src).toBe('string');
      const image = await fetch(`${server.url}${String(src)}`);
      expect(image.status, String(src)).toBe(200);
      expect(image.headers.get('content-type')).toMatch(/^image\/(png|svg\+xml)/);
    }
  });

  it('serves the service worker as script, checked on every visit, allowed by the CSP', async () => {
    const res = await fetch(`${server.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // Workers fall back to script-src, which allows our own origin.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const source = await res.text();
    // It never stands between the app and its live paths.
    for (const live of ['socket\\.io', 'api', 'media']) expect(source).toContain(live);
  });

  it('a room’s page carries its link preview, naming the address it was asked at', async () => {
    const res = await fetch(`${server.url}/room/brave-otter-42`, {
      headers: { Accept: BROWSER_ACCEPT },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(meta(html, 'property', 'og:title')).toBe('Join my TikTok watch party');
    expect(meta(html, 'property', 'og:url')).toBe(`${server.url}/room/brave-otter-42`);
    expect(meta(html, 'property', 'og:image')).toBe(`${server.url}/og-image.png`);
    expect(meta(html, 'name', 'twitter:title')).toBe('Join my TikTok watch party');
    expect(meta(html, 'name', 'twitter:image')).toBe(`${server.url}/og-image.png`);
    // The tags are in the head, where link-preview crawlers read them.
    expect(html.indexOf('og:title')).toBeLessThan(html.indexOf('</head>'));
    const image = await fetch(`${server.url}/og-image.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('a room’s page starts in the tab’s own renderer: no opener policy, the other guards stay', async () => {
    const res = await fetch(`${server.url}/room/brave-otter-42`, {
      headers: { Accept: BROWSER_ACCEPT },
    });
    expect(res.status).toBe(200);
    // Cross-Origin-Opener-Policy makes Chromium swap renderers before the page parses:
    // about half a second of a newcomer's join on a busy phone (see create-app.ts).
    expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('a page carries the app’s stylesheet inline, before its script runs; the file stays', async () => {
    const html = await (
      await fetch(`${server.url}/room/brave-otter-42`, { headers: { Accept: BROWSER_ACCEPT } })
    ).text();
    expect(html).toContain(`<style>${STYLE}</style>`);
    expect(html).not.toContain('href="/assets/main-t1.css"');
    expect(html.indexOf('<style>')).toBeLessThan(html.indexOf('</head>'));
    const sheet = await fetch(`${server.url}/assets/main-t1.css`);
    expect(sheet.status).toBe(200);
    expect(await sheet.text()).toBe(STYLE);
  });

  it('names PUBLIC_URL in link previews when it is set, and still carries the room', async () => {
    const own = await startTestServer(
      { PUBLIC_URL: 'https://watch.example' },
      { webDistDir: distDir },
    );
    const { socket } = await joinAs(own.url, 'preview-room', 'p1', 'Pia');
    const html = await (await fetch(`${own.url}/room/preview-room`)).text();
    expect(meta(html, 'property', 'og:url')).toBe('https://watch.example/room/preview-room');
    expect(meta(html, 'property', 'og:image')).toBe('https://watch.example/og-image.png');
    expect(html).toContain('id="wt-room-snapshot"');
    socket.disconnect();
    await own.close();
  });

  it('serves the app for the home page, /new and the share target', async () => {
    for (const route of ['/', '/new', '/share?text=hello']) {
      const res = await fetch(`${server.url}${route}`, { headers: { Accept: BROWSER_ACCEPT } });
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toContain('<title>Watch Together</title>');
      expect(meta(html, 'property', 'og:title')).toBe('TikTok Watch Together');
    }
  });

  it('a bad room link is the app’s page for a browser and a JSON error for an API client', async () => {
    for (const bad of ['/room/party%20tonight!', `/room/${'x'.repeat(65)}`, '/room/a/b']) {
      const page = await fetch(`${server.url}${bad}`, { headers: { Accept: BROWSER_ACCEPT } });
      expect(page.status, bad).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<title>Watch Together</title>');

      const api = await fetch(`${server.url}${bad}`, { headers: { Accept: 'application/json' } });
      expect(api.status, bad).toBe(404);
      expect(await api.json()).toMatchObject({ error: { code: 'ROOM_NOT_FOUND' } });
    }
    // Paths outside the app stay JSON for everyone.
    const other = await fetch(`${server.url}/nothing-here`, {
      headers: { Accept: BROWSER_ACCEPT },
    });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
