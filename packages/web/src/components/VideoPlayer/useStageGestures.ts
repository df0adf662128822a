import { useRef, type PointerEvent } from 'react';
import { classifyStroke, type Gesture } from './gesture';

/** Presses that start on these belong to them (a button, the seek bar), not to the stage. */
const OWN_GESTURES = 'button, a, input, textarea, select, iframe, [data-own-gesture]';

/**
 * Pointer handlers for the stage: a vertical swipe (finger, pen or mouse) or a tap on the
 * picture itself becomes `onGesture`; presses on the controls over it are left alone.
 */
export function useStageGestures(onGesture: (gesture: Gesture) => void) {
  const start = useRef<{ id: number; x: number; y: number; at: number } | undefined>(undefined);

  return {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (!event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
      if (event.target instanceof Element && event.target.closest(OWN_GESTURES)) return;
      start.current = {
        id: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        at: event.timeStamp,
      };
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      const from = start.current;
      if (!from || from.id !== event.pointerId) return;
      start.current = undefined;
      const gesture = classifyStroke({
        dx: event.clientX - from.x,
        dy: event.clientY - from.y,
        ms: event.timeStamp - from.at,
      });
      if (gesture !== undefined) onGesture(gesture);
    },
    onPointerCancel: () => {
      start.current = undefined;
    },
  };
}
