import { EARLY_MEDIA_ELEMENT_ID } from '@wt/protocol';
import type { MediaParts } from './media';

/** `data-testid` of the element on screen (end-to-end tests rely on it) and of the hidden one. */
export const SHOWN_TESTID = 'video-element';
export const STANDBY_TESTID = 'video-standby';

/**
 * The room's clip the page's HTML started loading (`EARLY_MEDIA_ELEMENT_ID`), taken out of
 * the page to become the player's first element: its load goes on, detached, until the
 * stage mounts it. Taken once.
 */
function adoptEarlyMedia(doc: Document): HTMLVideoElement | undefined {
  const early = doc.getElementById(EARLY_MEDIA_ELEMENT_ID);
  if (!(early instanceof HTMLVideoElement)) return undefined;
  early.remove();
  early.removeAttribute('id');
  early.hidden = false;
  return early;
}

function createVideo(
  doc: Document,
  adopted?: HTMLVideoElement,
): { element: HTMLVideoElement; parts: MediaParts } {
  const video = adopted ?? doc.createElement('video');
  video.className = 'player-media';
  video.preload = 'auto';
  video.playsInline = true;
  video.disablePictureInPicture = true;
  return {
    element: video,
    parts: {
      media: video,
      view: {
        setShown: (shown) => {
          // Both stay rendered (a hidden element still decodes its first frame); the
          // one on screen is simply on top and opaque.
          video.classList.toggle('player-media--standby', !shown);
          video.setAttribute('data-testid', shown ? SHOWN_TESTID : STANDBY_TESTID);
          video.setAttribute('aria-hidden', String(!shown));
        },
      },
    },
  };
}

/**
 * The sync engine's two `<video>` elements, made once for the page's lifetime (making
 * and loading an element blocks the main thread, so it never happens at a switch). The
 * first is the page's early media when it has one.
 */
export function createVideoPair(doc: Document = document): {
  elements: readonly HTMLVideoElement[];
  slots: readonly [MediaParts, MediaParts];
} {
  const first = createVideo(doc, adoptEarlyMedia(doc));
  const second = createVideo(doc);
  return { elements: [first.element, second.element], slots: [first.parts, second.parts] };
}
