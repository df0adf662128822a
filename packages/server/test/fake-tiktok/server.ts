import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  DEAD_SHORT_LINK_TARGET,
  FAKE_IDS,
  SHORT_LINKS,
  scenarioFor,
  type Scenario,
} from './catalog.js';
import { FakeCdn } from './cdn.js';
import { coverImage } from './covers.js';
import { embedPlayerPage } from './embed-player.js';
import type { Clip } from './clips.js';
import { buildItem } from './item.js';
import { browserOnlyPage, mediaOnlyPage, shellPage, simplePage, videoPage } from './pages.js';
import { emptyStats, type FakeStats } from './stats.js';
import { FakeWaf } from './waf.js';

export const FIXTURE_MP4 = new URL('./fixtures/h264-360x640.mp4', import.meta.url);

export interface FakeTikTokOptions {
  /** Added before every page, API and short-link answer (ms). */
  delayMs?: number;
  /** Approximate size of a video page (the real one is about 300 KB). */
  pageBytes?: number;
  /** Life of media URLs in seconds (the real TikTok: about 6 hours). */
  mediaTtlSeconds?: number;
  /** Clock in ms; tests move it to expire media URLs. */
  now?: () => number;
  /** CDN throttle in bytes per second (0: unthrottled). */
  cdnBytesPerSecond?: number;
  /** The MP4 the CDN serves (default: the 112 KB H.264 fixture). */
  video?: Buffer;
  /** Gzip pages when the client accepts it. */
  gzip?: boolean;
  /** The CDN refuses every request (403), cookie or not. */
  cdnForbidAll?: boolean;
  /** Videos of their own length, by id (see clips.ts `makeClips`). */
  clips?: ReadonlyMap<string, Clip>;
}

export interface FakeTikTok {
  /** `http://127.0.0.1:PORT`: give it to the server as TIKTOK_ORIGIN. */
  origin: string;
  stats: FakeStats;
  options: Required<Omit<FakeTikTokOptions, 'video' | 'clips'>>;
  video: Buffer;
  resetStats(): void;
  close(): Promise<void>;
}

const PAGE_PATHS = [
  /^\/@[^/]*\/video\/(\d{17,21})\/?$/,
  /^\/@[^/]*\/photo\/(\d{17,21})\/?$/,
  /^\/share\/video\/(\d{17,21})\/?$/,
  /^\/v\/(\d{17,21})(?:\.html)?\/?$/,
  /^\/embed\/(?:v2\/)?(\d{17,21})\/?$/,
];
const EMBED_PLAYER_PATH = /^\/player\/v1\/(\d{17,21})\/?$/;
const EMBED_MEDIA_PATH = /^\/player\/v1\/(\d{17,21})\/media\.mp4$/;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * A fake TikTok: every TikTok host (www, m, vm, vt, the CDNs) served from one origin,
 * told apart by path shape (see README.md). Behaves as tiktok-reference.md describes.
 */
export async function startFakeTikTok(options: FakeTikTokOptions = {}): Promise<FakeTikTok> {
  const opts = {
    delayMs: options.delayMs ?? 0,
    pageBytes: options.pageBytes ?? 300_000,
    mediaTtlSeconds: options.mediaTtlSeconds ?? 6 * 60 * 60,
    now: options.now ?? Date.now,
    cdnBytesPerSecond: options.cdnBytesPerSecond ?? 0,
    gzip: options.gzip ?? false,
    cdnForbidAll: options.cdnForbidAll ?? false,
  };
  const video = options.video ?? readFileSync(FIXTURE_MP4);
  const clips = options.clips ?? new Map<string, Clip>();
  /** TikTok's page data gives whole seconds. */
  const shapeOf = (id: string) => {
    const clip = clips.get(id);
    return clip ? { duration: Math.round(clip.seconds) } : {};
  };
  const stats = emptyStats();
  const cdn = new FakeCdn(
    {
      videoFor: (vid) => clips.get(vid)?.video ?? video,
      now: () => opts.now(),
      get ttlSeconds() {
        return opts.mediaTtlSeconds;
      },
      get bytesPerSecond() {
        return opts.cdnBytesPerSecond;
      },
      get forbidAll() {
        return opts.cdnForbidAll;
      },
    },
    stats,
  );
  const waf = new FakeWaf();
  let origin = '';
  let pagesInProgress = 0;

  const sendHtml = (
    req: IncomingMessage,
    res: ServerResponse,
    html: string,
    cookies: string[] = [],
  ): void => {
    const headers: Record<string, string | string[]> = {
      'content-type': 'text/html; charset=utf-8',
    };
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    const gzip = opts.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? gzipSync(html, { level: 1 }) : Buffer.from(html);
    if (gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(body);
  };

  const pageCookies = (): string[] => [
    `tt_chain_token=${cdn.issueToken()}; Path=/; HttpOnly; Max-Age=15552000`,
    `ttwid=1%7Cfake${Date.now().toString(36)}; Path=/; HttpOnly`,
    'tt_csrf_token=fake-csrf; Path=/; SameSite=Lax',
    'msToken=fake-ms-token; Path=/',
  ];

  const servePage = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    stats.pageHits.set(id, (stats.pageHits.get(id) ?? 0) + 1);
    const scenario: Scenario = scenarioFor(id);
    const userAgent = req.headers['user-agent'] ?? '';
    if (!userAgent.startsWith('Mozilla/')) {
      sendHtml(req, res, shellPage());
      return;
    }
    switch (scenario.kind) {
      case 'video':
        sendHtml(
          req,
          res,
          videoPage(
            scenario.era,
            { id, statusCode: 0, item: buildItem(id, cdn, { ...scenario, ...shapeOf(id) }) },
            opts.pageBytes,
          ),
          pageCookies(),
        );
        return;
      case 'status':
        sendHtml(
          req,
          res,
          videoPage(
            'universal',
            { id, statusCode: scenario.statusCode, item: undefined },
            opts.pageBytes,
          ),
          pageCookies(),
        );
        return;
      case 'photo':
        sendHtml(
          req,
          res,
          videoPage(
            'universal',
            { id, statusCode: 0, item: buildItem(id, cdn, { photo: true }) },
            opts.pageBytes,
          ),
          pageCookies(),
        );
        return;
      case 'age-gated':
        sendHtml(
          req,
          res,
          videoPage(
            'universal',
            { id, statusCode: 0, item: buildItem(id, cdn, { ageGated: true }) },
            opts.pageBytes,
          ),
          pageCookies(),
        );
        return;
      case 'browser-only':
        sendHtml(req, res, browserOnlyPage(id, opts.pageBytes), pageCookies());
        return;
      case 'browser-media-only':
        sendHtml(req, res, mediaOnlyPage(cdn.mediaUrl(id, 'h264')), pageCookies());
        return;
      case 'waf':
        if (scenario.stubborn || !waf.verify(cookie(req, '_wafchallengeid'))) {
          stats.wafChallenges++;
          sendHtml(req, res, waf.challengePage());
          return;
        }
        sendHtml(
          req,
          res,
          videoPage(
            'universal',
            { id, statusCode: 0, item: buildItem(id, cdn, shapeOf(id)) },
            opts.pageBytes,
          ),
          pageCookies(),
        );
        return;
      case 'login':
        res.writeHead(302, {
          location: `https://www.tiktok.com/login?redirect_url=${encodeURIComponent(`https://www.tiktok.com/@_/video/${id}`)}`,
        });
        res.end();
        return;
      case 'shell':
        sendHtml(req, res, shellPage(), pageCookies());
        return;
    }
  };

  const serveShortLink = (res: ServerResponse, code: string): void => {
    stats.shortLinkHits++;
    const target = (SHORT_LINKS[code] ?? DEAD_SHORT_LINK_TARGET).replace('{origin}', origin);
    res.writeHead(301, { location: target, 'content-type': 'text/html' });
    res.end(`<a href="${target}">Moved Permanently</a>.`);
  };

  const serveApiDetail = (res: ServerResponse, id: string): void => {
    stats.apiHits++;
    const scenario = scenarioFor(id);
    const body =
      scenario.kind === 'status'
        ? { statusCode: scenario.statusCode, statusMsg: '' }
        : {
            statusCode: 0,
            statusMsg: '',
            itemInfo: { itemStruct: buildItem(id, cdn, shapeOf(id)) },
          };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const path = url.pathname;
    if (path.startsWith('/__fake/')) {
      control(res, path);
      return;
    }
    stats.log.push(`${req.method ?? 'GET'} ${path}`);
    if (path.startsWith('/video/tos/')) {
      await cdn.handle(req, res, url, (vid) => vid === FAKE_IDS.badCdn);
      return;
    }
    // The Embed Player's own stream: TikTok's player gets its bytes without our cookies.
    const embedMedia = EMBED_MEDIA_PATH.exec(path)?.[1];
    if (embedMedia) {
      await cdn.sendRange(req, res, clips.get(embedMedia)?.video ?? video);
      return;
    }
    const isPage = PAGE_PATHS.some((pattern) => pattern.test(path));
    if (isPage) {
      pagesInProgress++;
      stats.maxConcurrentPages = Math.max(stats.maxConcurrentPages, pagesInProgress);
    }
    try {
      if (opts.delayMs > 0) await sleep(opts.delayMs);
      route(req, res, url);
    } finally {
      if (isPage) pagesInProgress--;
    }
  };

  const route = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const path = url.pathname;
    if (path === '/') {
      sendHtml(req, res, simplePage('TikTok - Make Your Day', '<div id="app">For You</div>'));
      return;
    }
    if (path === '/login' || path.startsWith('/login/')) {
      sendHtml(req, res, simplePage('Log in | TikTok', '<form>Log in to TikTok</form>'));
      return;
    }
    const cover = /^\/obj\/(?:cover|origin)-(\d{17,21})\.jpeg$/.exec(path)?.[1];
    if (cover) {
      stats.coverHits++;
      const image = coverImage(cover);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(image.length) });
      res.end(image);
      return;
    }
    if (path.startsWith('/api/item/detail')) {
      serveApiDetail(res, url.searchParams.get('itemId') ?? '');
      return;
    }
    const embedded = EMBED_PLAYER_PATH.exec(path)?.[1];
    if (embedded) {
      sendHtml(req, res, embedPlayerPage(embedded));
      return;
    }
    for (const pattern of PAGE_PATHS) {
      const id = pattern.exec(path)?.[1];
      if (id) {
        servePage(req, res, id);
        return;
      }
    }
    const short = /^\/(?:t\/)?([A-Za-z0-9]{4,16})\/?$/.exec(path)?.[1];
    if (short) {
      serveShortLink(res, short);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(simplePage('Not found', "Couldn't find this page"));
  };

  /** For a fake in another process (benchmarks): `/__fake/stats`, `/__fake/reset`. */
  const control = (res: ServerResponse, path: string): void => {
    if (path === '/__fake/reset') Object.assign(stats, emptyStats());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...stats, pageHits: Object.fromEntries(stats.pageHits), log: [] }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? (address satisfies AddressInfo).port : 0;
  origin = `http://127.0.0.1:${port}`;
  const fake: FakeTikTok = {
    origin,
    stats,
    options: opts,
    video,
    resetStats() {
      Object.assign(stats, emptyStats());
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
  return fake;
}
