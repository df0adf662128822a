import type { ServerClock } from '../../lib/clock';
import { useCountdown } from './useCountdown';

/** Full-stage 3-2-1; it lets clicks through to whatever is below. */
export function CountdownOverlay({
  endsAt,
  clock,
}: {
  endsAt: number | undefined;
  clock: ServerClock;
}) {
  const display = useCountdown(endsAt, clock);
  if (!display.visible) return null;
  return (
    <div
      className="player-overlay countdown-overlay"
      data-testid="countdown-overlay"
      aria-live="assertive"
    >
      <span
        key={display.label}
        className={display.final ? 'countdown-number countdown-number--go' : 'countdown-number'}
      >
        {display.label}
      </span>
      <span className="countdown-caption">Get ready…</span>
    </div>
  );
}
