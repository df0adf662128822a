/** A finger's (or pointer's) path on the stage, from press to release. */
export interface Stroke {
  dx: number;
  dy: number;
  ms: number;
}

export type Gesture = 'swipe_up' | 'swipe_down' | 'tap';

/** How far (px) a finger must travel for a swipe, and how far it may drift in a tap. */
export const SWIPE_MIN_PX = 60;
const TAP_MAX_PX = 10;
const TAP_MAX_MS = 350;
const SWIPE_MAX_MS = 1200;

/**
 * What a stroke means: a quick, mostly vertical move is a swipe (up = next clip, as in
 * TikTok's feed), a short still press is a tap, anything else (a slow drag, a sideways
 * move) is nothing.
 */
export function classifyStroke({ dx, dy, ms }: Stroke): Gesture | undefined {
  const distance = Math.hypot(dx, dy);
  if (distance <= TAP_MAX_PX) return ms <= TAP_MAX_MS ? 'tap' : undefined;
  if (ms > SWIPE_MAX_MS) return undefined;
  if (Math.abs(dy) < SWIPE_MIN_PX || Math.abs(dy) < Math.abs(dx) * 1.5) return undefined;
  return dy < 0 ? 'swipe_up' : 'swipe_down';
}
