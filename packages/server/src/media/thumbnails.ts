import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Resolver } from '../resolver/index.js';
import { abandon, discard } from '../resolver/net/body.js';
import { tryUrl } from '../resolver/net/hosts.js';
import { headerString, type UpstreamResponse } from '../resolver/net/upstream.js';
import { SingleFlight } from '../resolver/single-flight.js';
import { TIKTOK_REFERER } from '../resolver/entry.js';

/** A cover image, held in memory: a few KB each. */
export interface Thumbnail {
  type: string;
  bytes: Buffer;
}

/** Raster types only: an SVG could carry script, and nothing else is expected from the CDN. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);
const MAX_IMAGE_BYTES = 512 * 1024;
const MAX_REDIRECTS = 3;
const TTL_MS = 60 * 60_000;
/** A video without a usable cover is asked again after this long. */
const MISSING_TTL_MS = 5 * 60_000;

export interface ThumbnailOptions {
  /** Memory budget of the image cache. */
  cacheBytes: number;
  userAgent: string;
}

async function readImage(response: UpstreamResponse): Promise<Thumbnail | undefined> {
  const type = headerString(response.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (response.status !== 200 || type === undefined || !IMAGE_TYPES.has(type)) {
    discard(response);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > MAX_IMAGE_BYTES) {
      abandon(response.body);
      return undefined;
    }
    chunks.push(buffer);
  }
  return total > 0 ? { type, bytes: Buffer.concat(chunks, total) } : undefined;
}

/**
 * Video covers through our own origin (so the page's CSP needs no `img-src https:` and
 * covers do not break when TikTok's CDN refuses a browser): the URL comes from the
 * resolver (never from the client), every request and redirect hop goes through the
 * resolver's SSRF-safe upstream client, only raster images up to 512 KB are kept, one
 * fetch per video at a time, bounded by bytes in memory.
 */
export class ThumbnailCache {
  private readonly images: LRUCache<string, Thumbnail | 'missing'>;
  private readonly flights = new SingleFlight<string, Thumbnail | undefined>();

  constructor(
    private readonly resolver: Resolver,
    private readonly options: ThumbnailOptions,
    private readonly logger: Logger,
  ) {
    this.images = new LRUCache({
      maxSize: Math.max(1, options.cacheBytes),
      sizeCalculation: (value) => (value === 'missing' ? 1 : value.bytes.length + 64),
      ttl: TTL_MS,
    });
  }

  /** Whether the answer for `id` is known without going to TikTok. */
  has(id: string): boolean {
    return this.images.has(id);
  }

  /** The cover of video `id`, or undefined when there is none (or it cannot be had). */
  async get(id: string, signal?: AbortSignal): Promise<Thumbnail | undefined> {
    const known = this.images.get(id);
    if (known !== undefined) return known === 'missing' ? undefined : known;
    const { promise } = this.flights.run(id, async () => {
      const image = await this.fetch(id, signal);
      if (image) this.images.set(id, image);
      else this.images.set(id, 'missing', { ttl: MISSING_TTL_MS });
      return image;
    });
    return promise;
  }

  private async fetch(id: string, signal?: AbortSignal): Promise<Thumbnail | undefined> {
    const source = await this.resolver.thumbnailUrl(id);
    let url = source === undefined ? undefined : tryUrl(source);
    for (let hop = 0; url && hop <= MAX_REDIRECTS; hop++) {
      const response = await this.resolver.upstream.request(url, {
        headers: {
          'user-agent': this.options.userAgent,
          referer: TIKTOK_REFERER,
          accept: 'image/avif,image/webp,image/jpeg,image/png,image/*;q=0.8',
          'accept-encoding': 'identity',
        },
        signal,
      });
      const location = headerString(response.headers.location);
      if (response.status >= 300 && response.status < 400 && location !== undefined) {
        discard(response);
        url = tryUrl(location, url);
        continue;
      }
      const image = await readImage(response);
      if (!image) this.logger.debug({ id, status: response.status }, 'no usable cover image');
      return image;
    }
    return undefined;
  }
}
