import { once } from 'node:events';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { MediaMetrics } from './metrics.js';

/** Writes chunks to the client with backpressure, counting bytes; stops when it leaves. */
export async function sendChunks(
  res: Response,
  chunks: AsyncIterable<Buffer>,
  signal: AbortSignal,
  metrics: MediaMetrics,
  logger: Logger,
): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (signal.aborted) return;
      metrics.bytesServed.inc(chunk.length);
      if (!res.write(chunk)) await once(res, 'drain', { signal });
    }
    res.end();
  } catch (error) {
    if (!signal.aborted) logger.warn({ err: error }, 'video stream to a viewer failed');
    res.destroy();
  }
}
