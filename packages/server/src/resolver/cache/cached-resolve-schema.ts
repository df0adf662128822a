import { ErrorCode } from '@wt/protocol';
import { z } from 'zod';
import type { CachedResolve } from './video-cache.js';

const entrySchema = z.object({
  video: z.object({
    id: z.string(),
    url: z.string(),
    title: z.string(),
    author: z.object({ uniqueId: z.string(), nickname: z.string() }),
    thumbnailUrl: z.string().optional(),
    duration: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    mediaUrl: z.string(),
    embedUrl: z.string(),
  }),
  media: z.object({
    urls: z.array(z.string()),
    cookie: z.string(),
    userAgent: z.string(),
    referer: z.string(),
    expiresAt: z.number(),
  }),
  extractedBy: z.enum(['page', 'browser']),
  freshUntil: z.number(),
});

/** A cached resolve as stored in Redis: the value and the time it stops being valid. */
const storedSchema = z.object({
  expiresAt: z.number(),
  value: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('video'), entry: entrySchema }),
    z.object({
      kind: z.literal('failure'),
      error: z.object({ code: z.enum(ErrorCode), message: z.string() }),
    }),
  ]),
});

export interface StoredResolve {
  expiresAt: number;
  value: CachedResolve;
}

/** Parses a stored value; undefined when it is not JSON or not the shape we write. */
export function parseStoredResolve(text: string): StoredResolve | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { expiresAt, value } = parsed.data;
  if (value.kind === 'failure') return { expiresAt, value };
  const { video, media, extractedBy, freshUntil } = value.entry;
  return {
    expiresAt,
    value: {
      kind: 'video',
      entry: {
        video: {
          ...video,
          thumbnailUrl: video.thumbnailUrl,
          duration: video.duration,
          width: video.width,
          height: video.height,
        },
        media,
        extractedBy,
        freshUntil,
      },
    },
  };
}
