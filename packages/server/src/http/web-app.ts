import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import {
  isValidRoomId,
  ROOM_SNAPSHOT_ELEMENT_ID,
  snapshotJson,
  type RoomSnapshot,
} from '@wt/protocol';
import expressStaticGzip from 'express-static-gzip';
import express, { type Request, type Response, type Router } from 'express';
import { earlyMediaElement } from './early-media.js';
import { inlineStylesheets } from './inline-styles.js';
import {
  intoBodyStart,
  intoHead,
  metaTags,
  roomMeta,
  siteMeta,
  type PageMeta,
} from './page-meta.js';

export interface WebAppOptions {
  distDir: string;
  /** The room as a late joiner's page should start from; undefined when it does not exist. */
  snapshot?: (roomId: string) => Promise<RoomSnapshot | undefined>;
  /** The address people use (`PUBLIC_URL`), for link previews; else the request's own. */
  publicUrl?: string;
}

/** index.html with its stylesheets inlined, read again only when the build changed. */
function indexReader(file: string, distDir: string): () => Promise<string> {
  let cached: { mtimeMs: number; html: string } | undefined;
  return async () => {
    const { mtimeMs } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs) {
      const html = await inlineStylesheets(await readFile(file, 'utf8'), distDir);
      cached = { mtimeMs, html };
    }
    return cached.html;
  };
}

/** The room's snapshot as the page's head carries it. */
const snapshotElement = (snapshot: RoomSnapshot): string =>
  `<script id="${ROOM_SNAPSHOT_ELEMENT_ID}" type="application/json">${snapshotJson(snapshot)}</script>`;

/** The build's assets: their names change with their content. */
function immutableHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}

/** The app's static files: hashed bundles for ever, the service worker always checked. */
function staticHeaders(res: Response, filePath: string): void {
  const name = path.basename(filePath);
  if (filePath.includes(`${path.sep}assets${path.sep}`)) {
    immutableHeaders(res);
  } else if (name === 'sw.js') {
    // A new build's worker must be found at once; the browser checks it on every visit.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  } else if (name === 'manifest.webmanifest') {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
  } else {
    res.setHeader('Cache-Control', 'public, max-age=86400');
  }
}

/** A browser navigating gets a page; anything else asking (fetch, curl, an API client) JSON. */
const wantsPage = (req: Request): boolean => req.accepts(['json', 'html']) === 'html';

/**
 * Serves the built React app: static files, and index.html for `/`, `/new`, `/share` and
 * `/room/:roomId`, with the link preview's tags and its stylesheet inlined. A room's page
 * carries the room's snapshot and its clip as an early `<video>` (`early-media.ts`), so the
 * clip starts loading while the page is parsed. A room link that is not a room id gets the
 * app's "this link doesn't work" page (404) in a browser and a JSON error otherwise.
 */
export function webAppRouter(options: WebAppOptions): Router {
  const { distDir } = options;
  const router = express.Router();
  const indexHtml = path.join(distDir, 'index.html');
  const readIndex = indexReader(indexHtml, distDir);
  const origin = (req: Request): string =>
    options.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  const sendIndex = async (
    res: Response,
    meta: PageMeta,
    room?: { id: string },
    status = 200,
  ): Promise<void> => {
    if (!existsSync(indexHtml)) {
      res.status(503).json({
        error: { code: 'NOT_FOUND', message: 'The web app is not built. Run `npm run build`.' },
      });
      return;
    }
    const html = await readIndex();
    const snapshot = room === undefined ? undefined : await options.snapshot?.(room.id);
    const head = metaTags(meta) + (snapshot ? snapshotElement(snapshot) : '');
    const page = intoHead(html, head);
    res.setHeader('Cache-Control', 'no-cache');
    res
      .status(status)
      .type('html')
      .send(snapshot ? intoBodyStart(page, earlyMediaElement(snapshot)) : page);
  };

  for (const page of ['/', '/new', '/share']) {
    router.get(page, (req, res, next) => {
      sendIndex(res, siteMeta(origin(req), page)).catch(next);
    });
  }

  const badRoomLink = (req: Request, res: Response, next: express.NextFunction): void => {
    if (wantsPage(req)) {
      sendIndex(res, siteMeta(origin(req), '/'), undefined, 404).catch(next);
      return;
    }
    res.status(404).json({
      error: {
        code: 'ROOM_NOT_FOUND',
        message: 'Room ids are 1 to 64 of A-Z, a-z, 0-9, _ and -.',
      },
    });
  };
  router.get('/room/:roomId', (req, res, next) => {
    const { roomId } = req.params;
    if (!isValidRoomId(roomId)) {
      badRoomLink(req, res, next);
      return;
    }
    const roomPath = `/room/${encodeURIComponent(roomId)}`;
    sendIndex(res, roomMeta(origin(req), roomPath), { id: roomId }).catch(next);
  });
  // `/room/a/b`, `/room/` and the like: a link cut or pasted wrong.
  router.get(['/room', '/room/*rest'], badRoomLink);
  // The build's scripts and styles have brotli and gzip copies beside them (the web
  // package's `precompress.ts`): sent as they are, never compressed per request.
  router.use(
    '/assets',
    expressStaticGzip(path.join(distDir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { setHeaders: immutableHeaders },
    }),
  );
  router.use(express.static(distDir, { index: false, setHeaders: staticHeaders }));
  return router;
}
