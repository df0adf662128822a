import compression from 'compression';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { RoomSnapshot } from '@wt/protocol';
import type { Registry } from 'prom-client';
import type { OriginPolicy } from '../edge/origin-policy.js';
import type { Logger } from '../ops/logger.js';
import { adminRouter, type AdminOptions } from './admin.js';
import { errorHandler, notFound } from './errors.js';
import { healthHandler, type HealthCheck } from './health.js';
import { forceHttps, mediaCrossOrigin, permissionsPolicy, requireToken } from './security.js';
import { serverClockHeader } from './server-clock.js';
import { webAppRouter } from './web-app.js';

export interface AppOptions {
  logger: Logger;
  registry: Registry;
  healthChecks: readonly HealthCheck[];
  webDistDir: string;
  trustProxy: boolean;
  /** Extra routers (the resolver's `/api/resolve`, the media path). */
  routers: readonly Router[];
  /** The app's own origin and `CORS_ORIGINS` (websockets, media). */
  origins: OriginPolicy;
  /** The app's public address (`PUBLIC_URL`), if set: its websocket origin joins connect-src. */
  publicUrl?: string | undefined;
  /** `/metrics` needs this bearer token; unset: `/metrics` is off. */
  metricsToken?: string | undefined;
  /** Redirect to HTTPS and send HSTS (behind a TLS proxy). */
  forceHttps?: boolean;
  /** A room's snapshot for its page (see `webAppRouter`). */
  roomSnapshot?: (roomId: string) => Promise<RoomSnapshot | undefined>;
  /** The operator view (`/admin`); absent or without a token: 404. */
  admin?: Omit<AdminOptions, 'distDir'>;
  /** The server's clock (ms since the epoch), stamped on every response; default `Date.now`. */
  clock?: () => number;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  if (options.forceHttps) app.use(forceHttps());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'media-src': ["'self'", 'blob:'],
          'connect-src': ["'self'", ...connectSources(options)],
          'frame-src': ['https://www.tiktok.com'],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // No Cross-Origin-Opener-Policy: a page with one cannot start in the tab's first
      // (empty) document's renderer, so Chromium swaps in a new one before it parses a byte.
      // Measured with the sync bench's pages (a newcomer behind a 150 ms round trip, one page
      // playing): in sync a median 2.2-2.7 s after opening the link with it, 1.6-1.7 s
      // without (8 newcomers each, 2026-12-02). What it guards against
      // (a page that opened ours keeping a handle on it) reveals nothing here: room links
      // are shared openly, and our own links out open with `noopener`.
      crossOriginOpenerPolicy: false,
      // Sent by `forceHttps` on HTTPS only; on plain HTTP it means nothing.
      strictTransportSecurity: false,
    }),
  );
  app.use(permissionsPolicy);
  app.use(serverClockHeader(options.clock ?? Date.now));
  app.get('/health', healthHandler(options.healthChecks));
  app.get('/metrics', requireToken(options.metricsToken, 'metrics'), (_req, res, next) => {
    options.registry
      .metrics()
      .then((text) => {
        res.setHeader('Content-Type', options.registry.contentType);
        res.send(text);
      })
      .catch(next);
  });
  app.use('/media', mediaCrossOrigin(options.origins));
  for (const router of options.routers) app.use(router);
  app.use(
    adminRouter({
      token: options.admin?.token,
      stats: options.admin?.stats ?? (() => Promise.reject(new Error('no stats'))),
      distDir: options.webDistDir,
    }),
  );
  // The app's script and styles are a third of a megabyte; on a phone every round trip of
  // a slow start counts. Video never gets here (the media path answers first).
  app.use(compression());
  app.use(
    webAppRouter({
      distDir: options.webDistDir,
      ...(options.roomSnapshot ? { snapshot: options.roomSnapshot } : {}),
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    }),
  );
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}

/** Where the page may connect besides itself: its public websocket origin, the listed origins. */
function connectSources(options: AppOptions): string[] {
  const sources = [...options.origins.others];
  if (options.publicUrl !== undefined) {
    const url = new URL(options.publicUrl);
    sources.push(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  return sources;
}
