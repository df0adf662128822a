import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createVideoPipeline, type VideoPipeline } from '../../src/compose-video.js';
import { loadConfig } from '../../src/ops/config.js';
import type { FakeTikTok } from '../fake-tiktok/server.js';
import type { JsonObject } from './harness.js';

/** One "process": a video pipeline from real settings, its routers on a real HTTP port. */
export interface PipelineProcess {
  pipeline: VideoPipeline;
  registry: Registry;
  base: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  resolve(url: string): Promise<{ status: number; body: JsonObject }>;
  close(): Promise<void>;
}

export interface PipelineProcessOptions {
  redis?: Redis;
  keyPrefix?: string;
  lockMs?: number;
  env?: Record<string, string>;
}

export async function startPipelineProcess(
  fake: FakeTikTok,
  options: PipelineProcessOptions = {},
): Promise<PipelineProcess> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CHROMIUM_PATH: 'none',
    TIKTOK_ORIGIN: fake.origin,
    RESOLVE_RATE_PER_MINUTE: '10000',
    ...options.env,
  });
  const registry = new Registry();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const pipeline = createVideoPipeline(config, logger, registry, {
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    ...(options.lockMs ? { lockMs: options.lockMs } : {}),
  });
  const app = express();
  for (const router of pipeline.routers) app.use(router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      resolve(listening);
    });
  });
  const address: AddressInfo | string | null = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    pipeline,
    registry,
    base,
    get: (path, init) => fetch(`${base}${path}`, init),
    async resolve(url) {
      const res = await fetch(`${base}/api/resolve?url=${encodeURIComponent(url)}`);
      const body: unknown = await res.json();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error(`not a JSON object: ${JSON.stringify(body)}`);
      }
      return { status: res.status, body: Object.fromEntries(Object.entries(body)) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await pipeline.close();
    },
  };
}
