import { AppError, ErrorCode } from '@wt/protocol';
import type { Logger } from 'pino';
import type { Resolver } from '../resolver/index.js';
import type { ByteCache } from './byte-cache.js';
import type { CachedFile } from './cached-file.js';
import type { MediaMetrics } from './metrics.js';
import { openMedia } from './upstream-media.js';

export interface DownloadDeps {
  resolver: Resolver;
  cache: ByteCache;
  metrics: MediaMetrics;
  logger: Logger;
  maxFileBytes: number;
  /** Aborts every download (server shutdown). */
  signal: AbortSignal;
}

/**
 * Downloads a whole video once into its cached file. Viewers read the file while it
 * fills. A file larger than `maxFileBytes` is not cached: it turns passthrough.
 */
export async function download(file: CachedFile, deps: DownloadDeps): Promise<void> {
  const { cache, metrics, logger } = deps;
  try {
    const media = await openMedia(deps.resolver, file.id, undefined, deps.signal, logger);
    if (media.total !== undefined && media.total > deps.maxFileBytes) {
      media.abort();
      file.passthrough();
      cache.remove(file);
      metrics.downloads.inc({ outcome: 'passthrough' });
      return;
    }
    file.begin(media.total, await cache.createStore(file.id, media.total));
    for await (const chunk of media.chunks) {
      metrics.bytesUpstream.inc(chunk.length);
      await file.append(chunk);
      cache.grew(chunk.length);
      if (file.received > deps.maxFileBytes) {
        media.abort();
        throw new AppError(ErrorCode.UPSTREAM_ERROR, 'This video is too large to relay.');
      }
    }
    if (media.total !== undefined && file.received !== media.total) {
      throw new AppError(ErrorCode.UPSTREAM_ERROR, 'The video download was cut short.');
    }
    file.finish();
    metrics.downloads.inc({ outcome: 'ok' });
  } catch (error) {
    const failure =
      error instanceof AppError
        ? error
        : new AppError(ErrorCode.UPSTREAM_ERROR, 'The video download failed. Try again.');
    if (!(error instanceof AppError))
      logger.warn({ err: error, id: file.id }, 'video download failed');
    metrics.downloads.inc({ outcome: failure.code });
    file.fail(failure);
    cache.remove(file);
  }
}
