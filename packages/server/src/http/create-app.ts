import compression from 'compression';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { RoomSnapshot } from '@wt/protocol';
import type { Registry } from 'prom-client';
import type { Logger } from '../ops/logger.js';
import { errorHandler, notFound } from './errors.js';
import { healthHandler, type HealthCheck } from './health.js';
import { webAppRouter } from './web-app.js';

export interface AppOptions {
  logger: Logger;
  registry: Registry;
  healthChecks: readonly HealthCheck[];
  webDistDir: string;
  trustProxy: boolean;
  /** Extra routers (the resolver's `/api/resolve`, the media path). */
  routers: readonly Router[];
  /** A room's snapshot for its page (see `webAppRouter`). */
  roomSnapshot?: (roomId: string) => Promise<RoomSnapshot | undefined>;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'media-src': ["'self'", 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'frame-src': ['https://www.tiktok.com'],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.get('/health', healthHandler(options.healthChecks));
  app.get('/metrics', (_req, res, next) => {
    options.registry
      .metrics()
      .then((text) => {
        res.setHeader('Content-Type', options.registry.contentType);
        res.send(text);
      })
      .catch(next);
  });
  for (const router of options.routers) app.use(router);
  // The app's script and styles are a third of a megabyte; on a phone every round trip of
  // a slow start counts. Video never gets here (the media path answers first).
  app.use(compression());
  app.use(
    webAppRouter({
      distDir: options.webDistDir,
      ...(options.roomSnapshot ? { snapshot: options.roomSnapshot } : {}),
    }),
  );
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}
