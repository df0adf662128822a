import type { ResolveOutcome } from '@wt/room';
import { failureOutcome } from '../realtime/video-resolver.js';
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
      ...(video.thumbnailUrl !== undefined ? { thumbnailUrl: video.thumbnailUrl } : {}),
      ...(video.duration !== undefined ? { duration: video.duration } : {}),
      ...(video.width !== undefined ? { width: video.width } : {}),
      ...(video.height !== undefined ? { height: video.height } : {}),
    };
  } catch (error) {
    return failureOutcome(url, error);
  }
}
