import { Icon } from '../common/Icon';

/** Covers the stage until the browser lets the video play with sound. */
export function TapToJoin({ onTap }: { onTap: () => void }) {
  return (
    <button
      type="button"
      className="player-overlay tap-to-join"
      data-testid="tap-to-join"
      onClick={onTap}
    >
      <span className="tap-to-join__icon">
        <Icon name="play" size={34} />
      </span>
      <span className="tap-to-join__title">Tap to join the party</span>
      <span className="tap-to-join__hint">Your browser needs one tap before it plays sound.</span>
    </button>
  );
}
