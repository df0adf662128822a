import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  isValidRoomId,
  ROOM_SNAPSHOT_ELEMENT_ID,
  snapshotJson,
  type RoomSnapshot,
} from '@wt/protocol';
import express, { type Router } from 'express';

export interface WebAppOptions {
  distDir: string;
  /** The room as a late joiner's page should start from; undefined when it does not exist. */
  snapshot?: (roomId: string) => Promise<RoomSnapshot | undefined>;
}

/** index.html, read again only when the build changed. */
function indexReader(file: string): () => Promise<string> {
  let cached: { mtimeMs: number; html: string } | undefined;
  return async () => {
    const { mtimeMs } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: await readFile(file, 'utf8') };
    return cached.html;
  };
}

/** The page with the room's snapshot in its head. */
function withSnapshot(html: string, snapshot: RoomSnapshot): string {
  const element = `<script id="${ROOM_SNAPSHOT_ELEMENT_ID}" type="application/json">${snapshotJson(snapshot)}</script>`;
  const at = html.indexOf('</head>');
  return at < 0 ? `${element}${html}` : `${html.slice(0, at)}${element}${html.slice(at)}`;
}

/**
 * Serves the built React app: static files, and index.html for `/` and `/room/:roomId`.
 * A room's page carries the room's snapshot, so its clip starts loading at once.
 */
export function webAppRouter(options: WebAppOptions): Router {
  const { distDir } = options;
  const router = express.Router();
  const indexHtml = path.join(distDir, 'index.html');
  const readIndex = indexReader(indexHtml);
  const sendIndex = async (res: express.Response, roomId?: string): Promise<void> => {
    if (!existsSync(indexHtml)) {
      res.status(503).json({
        error: { code: 'NOT_FOUND', message: 'The web app is not built. Run `npm run build`.' },
      });
      return;
    }
    const html = await readIndex();
    const snapshot = roomId === undefined ? undefined : await options.snapshot?.(roomId);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(snapshot ? withSnapshot(html, snapshot) : html);
  };
  router.get('/', (_req, res, next) => {
    sendIndex(res).catch(next);
  });
  router.get('/room/:roomId', (req, res, next) => {
    const { roomId } = req.params;
    if (!isValidRoomId(roomId)) {
      res.status(404).json({
        error: {
          code: 'ROOM_NOT_FOUND',
          message: 'Room ids are 1 to 64 of A-Z, a-z, 0-9, _ and -.',
        },
      });
      return;
    }
    sendIndex(res, roomId).catch(next);
  });
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  return router;
}
