import type { ServerClock } from '../../lib/clock';
import { useTicker } from '../../hooks/useTicker';

/** How long "Go!" stays up after the countdown reaches zero. */
const GO_MS = 700;

export type CountdownDisplay =
  { visible: false } | { visible: true; label: string; final: boolean };

export function countdownDisplay(endsAt: number | undefined, now: number): CountdownDisplay {
  if (endsAt === undefined) return { visible: false };
  const remaining = endsAt - now;
  if (remaining <= -GO_MS) return { visible: false };
  if (remaining <= 0) return { visible: true, label: 'Go!', final: true };
  return { visible: true, label: String(Math.ceil(remaining / 1000)), final: false };
}

/** The 3-2-1 of a running countdown, on the server's clock so every screen agrees. */
export function useCountdown(endsAt: number | undefined, clock: ServerClock): CountdownDisplay {
  const display = countdownDisplay(endsAt, clock.now());
  useTicker(100, display.visible);
  return display;
}
