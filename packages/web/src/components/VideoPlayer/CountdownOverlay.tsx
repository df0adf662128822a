import type { CountdownDisplay } from './useCountdown';
import { Spinner } from '../common/Spinner';

/**
 * The full-stage 3-2-1. When the browser still needs a tap, the same overlay takes it
 * (one overlay, never two on top of each other); otherwise clicks pass through.
 */
export function CountdownOverlay({
  display,
  waiting,
  onTap,
}: {
  display: Extract<CountdownDisplay, { visible: true }>;
  /** The start is held for people still loading: who. */
  waiting: string | undefined;
  /** Set when a tap is needed to play with sound. */
  onTap: (() => void) | undefined;
}) {
  const content = (
    <>
      {waiting === undefined ? (
        <span
          key={display.label}
          className={display.final ? 'countdown-number countdown-number--go' : 'countdown-number'}
        >
          {display.label}
        </span>
      ) : (
        <span className="countdown-waiting">
          <Spinner size="large" />
          {waiting}
        </span>
      )}
      <span className="countdown-caption">
        {onTap ? 'Tap to join the party' : display.final ? 'Playing' : 'Get ready…'}
      </span>
    </>
  );
  if (onTap) {
    return (
      <button
        type="button"
        className="player-overlay countdown-overlay countdown-overlay--tap"
        data-testid="countdown-overlay"
        aria-live="assertive"
        onClick={onTap}
      >
        {content}
      </button>
    );
  }
  return (
    <div
      className="player-overlay countdown-overlay"
      data-testid="countdown-overlay"
      aria-live="assertive"
    >
      {content}
    </div>
  );
}
