import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import {
  createMediaRouter,
  type MediaOptions,
  type MediaRouter,
} from '../packages/server/src/media/index.js';
import {
  createResolver,
  createResolveRouter,
  type Resolver,
  type ResolverOptions,
} from '../packages/server/src/resolver/index.js';

export interface BenchApp {
  base: string;
  resolver: Resolver;
  media: MediaRouter;
  registry: Registry;
  close(): Promise<void>;
}

/** The resolver and media routers on a real HTTP server (port 0), as the server mounts them. */
export async function startApp(
  origin: string,
  options: ResolverOptions = {},
  media: Partial<MediaOptions> = {},
): Promise<BenchApp> {
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const registry = new Registry();
  const resolver = createResolver({ ...options, tiktokOrigin: origin }, { logger, registry });
  const mediaRouter = createMediaRouter(
    resolver,
    { cacheBytes: 256 * 1024 * 1024, ...media },
    { logger, registry },
  );
  const app = express();
  app.use(createResolveRouter(resolver, { resolveRatePerMinute: 1_000_000, logger }));
  app.use(mediaRouter.router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      resolve(listening);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    resolver,
    media: mediaRouter,
    registry,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await mediaRouter.close();
      await resolver.close();
    },
  };
}
