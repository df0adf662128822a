import { Icon } from '../common/Icon';

/** Shown when the room has played the video to its end. */
export function EndedOverlay({
  onReplay,
  onNext,
}: {
  onReplay: () => void;
  onNext: (() => void) | undefined;
}) {
  return (
    <div className="player-overlay ended-overlay" data-testid="ended-overlay">
      <span className="ended-overlay__title">That’s a wrap!</span>
      <div className="ended-overlay__actions">
        <button type="button" className="pill-button" onClick={onReplay}>
          <Icon name="replay" size={16} /> Replay
        </button>
        {onNext && (
          <button type="button" className="pill-button pill-button--accent" onClick={onNext}>
            <Icon name="play" size={16} /> Play next
          </button>
        )}
      </div>
    </div>
  );
}
