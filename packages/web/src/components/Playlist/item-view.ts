import { ErrorCode, playabilityOf, type Playability, type VideoItem } from '@wt/protocol';

/** The cover through our own origin: the item's path, or the route for its video id. */
export function thumbnailSrc(item: VideoItem): string | undefined {
  if (item.thumbnailUrl?.startsWith('/') === true) return item.thumbnailUrl;
  return item.videoId === undefined ? undefined : `/media/${item.videoId}/thumbnail`;
}

const REASONS: Partial<Record<string, string>> = {
  [ErrorCode.NOT_A_VIDEO]: 'This is a photo post, not a video.',
  [ErrorCode.VIDEO_PRIVATE]: 'This video is private or age-restricted.',
  [ErrorCode.VIDEO_UNAVAILABLE]: 'This video was deleted or is unavailable.',
  [ErrorCode.REGION_BLOCKED]: 'TikTok blocks this video in the server’s region.',
  [ErrorCode.TIMEOUT]: 'TikTok took too long to answer.',
  [ErrorCode.RATE_LIMITED]: 'Too many videos at once.',
};

/** Why an item cannot play (or plays only in TikTok's embed), in words a person reads. */
export function reasonOf(item: VideoItem): string | undefined {
  if (!item.error) return undefined;
  return REASONS[item.error.code] ?? item.error.message;
}

export const STATUS_LABEL: Record<Playability, string> = {
  resolving: 'Resolving',
  ready: 'Ready',
  'embed-only': 'Embed only',
  failed: 'Can’t play',
};

export { playabilityOf };
