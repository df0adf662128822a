import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createMediaRouter, type MediaOptions, type MediaRouter } from '../../src/media/index.js';
import {
  createResolver,
  createResolveRouter,
  type Resolver,
  type ResolverOptions,
} from '../../src/resolver/index.js';
import { startFakeTikTok, type FakeTikTok, type FakeTikTokOptions } from '../fake-tiktok/server.js';

const jsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof jsonObject>;

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The `{error: {code, message}}` of an error answer (throws if it is not one). */
export function errorOf(body: unknown): { code: string; message: string } {
  return errorBody.parse(body).error;
}

export interface Harness {
  fake: FakeTikTok;
  resolver: Resolver;
  media: MediaRouter;
  registry: Registry;
  /** The app under test, e.g. `http://127.0.0.1:PORT`. */
  base: string;
  /** A mutable clock shared by the resolver and the fake origin (ms). */
  clock: { now: number };
  get(path: string, init?: RequestInit): Promise<Response>;
  resolve(url: string): Promise<{ status: number; body: JsonObject }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  resolver?: ResolverOptions;
  fake?: FakeTikTokOptions;
  media?: Partial<MediaOptions>;
  resolveRatePerMinute?: number;
  /** Extra routes on the app under test (e.g. a page for a browser). */
  setup?: (app: express.Express) => void;
}

/**
 * A real HTTP app with only the resolver and media routers, on port 0, talking to a
 * real fake TikTok (also on port 0) through TIKTOK_ORIGIN. Chromium is off unless a
 * test asks for it.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = { now: Date.now() };
  const fake = await startFakeTikTok({ now: () => clock.now, ...options.fake });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const registry = new Registry();
  const resolver = createResolver(
    { chromiumPath: false, ...options.resolver, tiktokOrigin: fake.origin },
    { logger, registry, now: () => clock.now },
  );
  const media = createMediaRouter(
    resolver,
    { cacheBytes: 64 * 1024 * 1024, ...options.media },
    { logger, registry },
  );
  const app = express();
  app.set('trust proxy', false);
  app.use(
    createResolveRouter(resolver, {
      resolveRatePerMinute: options.resolveRatePerMinute ?? 10_000,
      logger,
    }),
  );
  app.use(media.router);
  options.setup?.(app);
  app.get('/metrics', async (_req, res) => {
    res.type('text/plain').send(await registry.metrics());
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      resolve(listening);
    });
  });
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    fake,
    resolver,
    media,
    registry,
    base,
    clock,
    get: (path, init) => fetch(`${base}${path}`, init),
    async resolve(url) {
      const res = await fetch(`${base}/api/resolve?url=${encodeURIComponent(url)}`);
      return { status: res.status, body: jsonObject.parse(await res.json()) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await media.close();
      await resolver.close();
      await fake.close();
    },
  };
}

/** Reads one sample of a metric from the registry (0 when absent). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) =>
    Object.entries(labels).every(([key, want]) => String(value.labels[key]) === want),
  );
  return sample?.value ?? 0;
}
