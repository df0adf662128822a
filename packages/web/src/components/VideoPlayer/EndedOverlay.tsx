import { Icon } from '../common/Icon';

/** The room played its last clip to the end (or autoplay is off): what now. */
export function EndedOverlay({
  title,
  hint,
  onReplay,
  onNext,
  onFromTop,
}: {
  title: string;
  hint: string;
  onReplay: () => void;
  onNext: (() => void) | undefined;
  onFromTop: (() => void) | undefined;
}) {
  return (
    <div className="player-overlay ended-overlay" data-testid="ended-overlay">
      <span className="ended-overlay__title">{title}</span>
      <span className="ended-overlay__hint">{hint}</span>
      <div className="ended-overlay__actions">
        <button type="button" className="pill-button" data-testid="replay" onClick={onReplay}>
          <Icon name="replay" size={16} /> Replay
        </button>
        {onNext && (
          <button type="button" className="pill-button pill-button--accent" onClick={onNext}>
            <Icon name="play" size={16} /> Play next
          </button>
        )}
        {onFromTop && (
          <button type="button" className="pill-button" onClick={onFromTop}>
            <Icon name="retry" size={16} /> Queue from the top
          </button>
        )}
      </div>
    </div>
  );
}
