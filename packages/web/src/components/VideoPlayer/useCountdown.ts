import { useEffect, useReducer } from 'react';
import type { ServerClock } from '../../lib/clock';

/** How long "Go!" stays up after the countdown reaches zero. */
const GO_MS = 700;

/**
 * Labels are drawn this much ahead of their moment: a timer, a render and a paint take
 * about a frame, so "Go!" lands on the frame the clip starts moving rather than the next.
 */
const DRAW_AHEAD_MS = 16;

export type CountdownDisplay =
  { visible: false } | { visible: true; label: string; final: boolean };

export function countdownDisplay(endsAt: number | undefined, now: number): CountdownDisplay {
  if (endsAt === undefined) return { visible: false };
  const remaining = endsAt - now;
  if (remaining <= -GO_MS) return { visible: false };
  if (remaining <= 0) return { visible: true, label: 'Go!', final: true };
  return { visible: true, label: String(Math.ceil(remaining / 1000)), final: false };
}

/** ms until the display changes next (a number, "Go!", gone); undefined when it never will. */
export function nextChangeIn(endsAt: number | undefined, now: number): number | undefined {
  if (endsAt === undefined) return undefined;
  const remaining = endsAt - now;
  if (remaining <= -GO_MS) return undefined;
  if (remaining <= 0) return remaining + GO_MS;
  return remaining - (Math.ceil(remaining / 1000) - 1) * 1000;
}

/**
 * The 3-2-1 of a running countdown, on the server's clock so every screen agrees. It
 * redraws exactly when the label changes, so "Go!" appears on the frame the clip starts.
 */
export function useCountdown(endsAt: number | undefined, clock: ServerClock): CountdownDisplay {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const now = clock.now() + DRAW_AHEAD_MS;
  const display = countdownDisplay(endsAt, now);
  const wait = nextChangeIn(endsAt, now);
  useEffect(() => {
    if (wait === undefined) return;
    const timer = setTimeout(redraw, Math.max(0, wait));
    return () => {
      clearTimeout(timer);
    };
  });
  return display;
}
