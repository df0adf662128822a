/** Settings of the media proxy; `README.md` lists their env vars. */
export interface MediaOptions {
  /** Budget of the byte cache (memory, or disk when `cacheDir` is set). */
  cacheBytes: number;
  /** Keep cached files on disk here instead of in memory. */
  cacheDir?: string | undefined;
  /** Path prefix of the media route (the resolver hands out `${prefix}/ID.mp4`). */
  pathPrefix?: string;
  /** Files larger than this are streamed through (Range passed on), not cached. */
  maxFileBytes?: number;
}

export const MEDIA_DEFAULTS = {
  cacheBytes: 256 * 1024 * 1024,
  pathPrefix: '/media',
} as const;
