import { playabilityOf, type VideoItem } from '@wt/protocol';

/** What the stage shows for the current queue entry. */
export type PlayerSource =
  | { kind: 'empty' }
  | { kind: 'processing'; item: VideoItem }
  | { kind: 'mp4'; item: VideoItem; src: string }
  | { kind: 'embed'; item: VideoItem; src: string }
  | { kind: 'unplayable'; item: VideoItem };

/**
 * Our own MP4 first (frame-accurate sync), the official Embed Player when there is no
 * MP4 or it failed to load here, a spinner while the server resolves the link, our
 * "Can't play" card for an item nothing can play.
 */
export function choosePlayerSource(
  item: VideoItem | undefined,
  failedMedia: ReadonlySet<string>,
): PlayerSource {
  if (!item) return { kind: 'empty' };
  if (item.isProcessing === true) return { kind: 'processing', item };
  // Deleted, private, a photo post: our card says why, instead of TikTok's embed failing.
  if (playabilityOf(item) === 'failed') return { kind: 'unplayable', item };
  if (item.mp4Url !== undefined && !failedMedia.has(item.mp4Url)) {
    return { kind: 'mp4', item, src: item.mp4Url };
  }
  if (item.embedUrl !== undefined) return { kind: 'embed', item, src: item.embedUrl };
  return { kind: 'unplayable', item };
}
