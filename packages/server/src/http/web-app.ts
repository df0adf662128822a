import { existsSync } from 'node:fs';
import path from 'node:path';
import { isValidRoomId } from '@wt/protocol';
import express, { type Router } from 'express';

/** Serves the built React app: static files, and index.html for `/` and `/room/:roomId`. */
export function webAppRouter(distDir: string): Router {
  const router = express.Router();
  const indexHtml = path.join(distDir, 'index.html');
  const sendIndex: express.RequestHandler = (_req, res) => {
    if (!existsSync(indexHtml)) {
      res.status(503).json({
        error: { code: 'NOT_FOUND', message: 'The web app is not built. Run `npm run build`.' },
      });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  };
  router.get('/', sendIndex);
  router.get('/room/:roomId', (req, res, next) => {
    if (!isValidRoomId(req.params.roomId)) {
      res.status(404).json({
        error: {
          code: 'ROOM_NOT_FOUND',
          message: 'Room ids are 1 to 64 of A-Z, a-z, 0-9, _ and -.',
        },
      });
      return;
    }
    sendIndex(req, res, next);
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
