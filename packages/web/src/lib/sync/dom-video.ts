import type { MediaParts } from './media';

/** `data-testid` of the element on screen (end-to-end tests rely on it) and of the hidden one. */
export const SHOWN_TESTID = 'video-element';
export const STANDBY_TESTID = 'video-standby';

function createVideo(doc: Document): { element: HTMLVideoElement; parts: MediaParts } {
  const video = doc.createElement('video');
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
 * and loading an element blocks the main thread, so it never happens at a switch).
 */
export function createVideoPair(doc: Document = document): {
  elements: readonly HTMLVideoElement[];
  slots: readonly [MediaParts, MediaParts];
} {
  const first = createVideo(doc);
  const second = createVideo(doc);
  return { elements: [first.element, second.element], slots: [first.parts, second.parts] };
}
