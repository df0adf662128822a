import type { VideoItem } from '@wt/protocol';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';

export function EmptyQueue() {
  return (
    <div className="stage-placeholder" data-testid="empty-queue">
      <div className="stage-placeholder__logo" aria-hidden="true">
        <Icon name="link" size={36} />
      </div>
      <h2>Nothing playing yet</h2>
      <p>
        Paste a TikTok link into the <strong>queue</strong> to start watching together.
      </p>
      <p className="stage-placeholder__hint">
        Tip: on TikTok, tap <em>Share → Copy link</em>.
      </p>
    </div>
  );
}

export function Resolving({ item }: { item: VideoItem }) {
  return (
    <div className="stage-placeholder">
      {item.thumbnailUrl !== undefined && (
        <img
          className="stage-placeholder__backdrop"
          src={item.thumbnailUrl}
          alt=""
          referrerPolicy="no-referrer"
        />
      )}
      <Spinner size="large" label="Resolving video" />
      <h2>Resolving video…</h2>
      <p>Fetching it from TikTok. This usually takes a few seconds.</p>
    </div>
  );
}

export function Unplayable({ item, onRetry }: { item: VideoItem; onRetry: () => void }) {
  return (
    <div className="stage-placeholder stage-placeholder--error">
      <h2>Can’t play this video</h2>
      <p>{item.error?.message ?? 'TikTok did not give us a playable video.'}</p>
      <button type="button" className="pill-button" onClick={onRetry}>
        <Icon name="retry" size={16} /> Try again
      </button>
    </div>
  );
}
