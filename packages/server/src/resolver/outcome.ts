import { AppError, embedPlayerUrl, ErrorCode, parseTikTokUrl, protocolError } from '@wt/protocol';
import type { ResolveOutcome } from '@wt/room';
import type { ResolvedVideo } from './types.js';

/**
 * What `add_video` does with the resolver: the room core's `ResolveOutcome`, with the
 * official embed as the fallback when the link names its video.
 */
export async function toResolveOutcome(
  resolve: (url: string) => Promise<ResolvedVideo>,
  url: string,
): Promise<ResolveOutcome> {
  try {
    const video = await resolve(url);
    return {
      ok: true,
      videoId: video.id,
      url: video.url,
      mp4Url: video.mediaUrl,
      embedUrl: video.embedUrl,
      title: video.title,
      author: video.author,
      // The cover through our own origin, beside the media path (`/media/ID/thumbnail`).
      ...(video.thumbnailUrl !== undefined ? { thumbnailUrl: thumbnailPath(video) } : {}),
      ...(video.duration !== undefined ? { duration: video.duration } : {}),
      ...(video.width !== undefined ? { width: video.width } : {}),
      ...(video.height !== undefined ? { height: video.height } : {}),
    };
  } catch (error) {
    return failureOutcome(url, error);
  }
}

/** `/media/ID.mp4` -> `/media/ID/thumbnail`: the cover route of the media path. */
function thumbnailPath(video: ResolvedVideo): string {
  const folder = video.mediaUrl.slice(0, video.mediaUrl.lastIndexOf('/'));
  return `${folder}/${video.id}/thumbnail`;
}

/** Turns a thrown error into the outcome a queue item shows (with the embed fallback). */
export function failureOutcome(url: string, error: unknown): ResolveOutcome {
  const parsed = parseTikTokUrl(url);
  const embedUrl =
    parsed.ok && parsed.link.kind === 'video' ? embedPlayerUrl(parsed.link.id) : undefined;
  const failure =
    error instanceof AppError
      ? error.toJSON()
      : protocolError(ErrorCode.UPSTREAM_ERROR, 'The video could not be loaded. Try again.');
  return embedUrl ? { ok: false, error: failure, embedUrl } : { ok: false, error: failure };
}
