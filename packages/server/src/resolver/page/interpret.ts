import { AppError, ErrorCode } from '@wt/protocol';
import { tryUrl } from '../net/hosts.js';
import type { Item } from './item-schema.js';
import { chooseMedia, mediaUrlExpiry } from './renditions.js';
import { AGE_RESTRICTED_MESSAGE } from './status.js';

/** What a person reads when a link is a slideshow of photos. */
export const PHOTO_POST_MESSAGE = 'This is a photo post, not a video, so it cannot be played here.';

/** What the resolver learns from one `itemStruct`. */
export interface VideoFacts {
  id: string;
  uniqueId: string;
  nickname: string;
  title: string;
  thumbnailUrl: string | undefined;
  duration: number | undefined;
  width: number | undefined;
  height: number | undefined;
  mediaUrls: string[];
  /** Unix ms when the media URLs stop working, when they say. */
  mediaExpiresAt: number | undefined;
}

function authorOf(item: Item): { uniqueId: string; nickname: string } {
  if (typeof item.author === 'string') {
    return { uniqueId: item.author, nickname: item.nickname ?? item.author };
  }
  const uniqueId = item.author?.uniqueId ?? '';
  return { uniqueId, nickname: item.author?.nickname ?? uniqueId };
}

/**
 * Turns an item into video facts, or the reason it cannot be played: a photo post
 * (checked before `video`, whose `playAddr` may be just the soundtrack), an age-gated
 * item (no `video`), or an item without any playable file.
 */
export function interpretItem(
  item: Item,
  id: string,
  isAllowed: (url: URL) => boolean,
): VideoFacts {
  // A photo post first: asked for by a /video/ link, TikTok may answer with the post under
  // another id, and a person must read why it cannot play, not that the ids differ.
  if (item.imagePost) throw new AppError(ErrorCode.NOT_A_VIDEO, PHOTO_POST_MESSAGE);
  if (item.id !== id) {
    throw new AppError(
      ErrorCode.VIDEO_UNAVAILABLE,
      'TikTok showed another post for this link, so this video cannot be played here.',
    );
  }
  const media = item.video ? chooseMedia(item.video, isAllowed) : undefined;
  if (!media) {
    if (item.isContentClassified)
      throw new AppError(ErrorCode.VIDEO_PRIVATE, AGE_RESTRICTED_MESSAGE);
    throw new AppError(
      ErrorCode.UPSTREAM_ERROR,
      'TikTok did not offer a playable file for this video.',
    );
  }
  const { uniqueId, nickname } = authorOf(item);
  const caption = item.desc?.trim() ?? '';
  const duration = item.video?.duration;
  const expiries = media.urls.map(mediaUrlExpiry).filter((t): t is number => t !== undefined);
  return {
    id,
    uniqueId,
    nickname,
    title: caption !== '' ? caption : uniqueId !== '' ? `TikTok by @${uniqueId}` : 'TikTok video',
    thumbnailUrl: item.video?.cover ?? item.video?.originCover,
    duration: duration !== undefined && duration > 0 ? duration : undefined,
    width: media.width ?? item.video?.width,
    height: media.height ?? item.video?.height,
    mediaUrls: media.urls,
    mediaExpiresAt: expiries.length > 0 ? Math.min(...expiries) : undefined,
  };
}

/**
 * The browser saw the page request a video file but never showed its data: the file is
 * enough to play; the title and author stay unknown.
 */
export function factsFromMediaOnly(
  id: string,
  urls: readonly string[],
  isAllowed: (url: URL) => boolean,
): VideoFacts {
  const mediaUrls = urls.filter((url) => {
    const parsed = tryUrl(url);
    return parsed !== undefined && isAllowed(parsed);
  });
  if (mediaUrls.length === 0) {
    throw new AppError(
      ErrorCode.UPSTREAM_ERROR,
      'TikTok did not offer a playable file for this video.',
    );
  }
  const expiries = mediaUrls.map(mediaUrlExpiry).filter((t): t is number => t !== undefined);
  return {
    id,
    uniqueId: '',
    nickname: '',
    title: 'TikTok video',
    thumbnailUrl: undefined,
    duration: undefined,
    width: undefined,
    height: undefined,
    mediaUrls,
    mediaExpiresAt: expiries.length > 0 ? Math.min(...expiries) : undefined,
  };
}
