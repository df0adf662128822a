import { EARLY_MEDIA_ELEMENT_ID, earlyMediaSrc, type RoomSnapshot } from '@wt/protocol';
import { escapeAttribute } from './page-meta.js';

/**
 * The room's clip as a `<video>` the browser starts loading while it parses the page (see
 * `EARLY_MEDIA_ELEMENT_ID`): hidden and silent until the app adopts it. Empty when the room
 * shows no MP4 of ours.
 */
export function earlyMediaElement(
  snapshot: Pick<RoomSnapshot, 'queue' | 'currentVideoIndex'>,
): string {
  const src = earlyMediaSrc(snapshot);
  if (src === undefined) return '';
  return `<video id="${EARLY_MEDIA_ELEMENT_ID}" src="${escapeAttribute(src)}" preload="auto" playsinline hidden></video>`;
}
