import { useState } from 'react';
import { QueueIcon } from './QueueIcon';

/**
 * Shuffle and clear, beside the queue's title. Clearing asks first and says what it keeps:
 * "All but the current clip" (what one expects while watching) or "Everything".
 */
export function QueueActions({
  count,
  onShuffle,
  onClear,
}: {
  count: number;
  onShuffle: () => void;
  /** `keepCurrent`: keep the clip playing now. */
  onClear: (keepCurrent: boolean) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <div className="queue-actions">
        <button
          type="button"
          className="row-button"
          data-testid="shuffle-queue"
          disabled={count < 3}
          aria-label="Shuffle the queue (the current clip stays first)"
          title="Shuffle: the clip playing now stays, the rest get a random order"
          onClick={onShuffle}
        >
          <QueueIcon name="shuffle" size={16} /> Shuffle
        </button>
        <button
          type="button"
          className="row-button"
          data-testid="clear-queue"
          disabled={count === 0}
          aria-expanded={confirming}
          aria-label="Clear the queue…"
          title="Clear the queue"
          onClick={() => {
            setConfirming((open) => !open);
          }}
        >
          <QueueIcon name="trash" size={16} /> Clear
        </button>
      </div>
      {confirming && (
        <div className="queue-confirm" role="group" aria-label="Clear the queue?">
          <span>Clear the queue?</span>
          <button
            type="button"
            className="pill-button pill-button--accent"
            data-testid="clear-rest"
            onClick={() => {
              setConfirming(false);
              onClear(true);
            }}
          >
            All but the current clip
          </button>
          <button
            type="button"
            className="pill-button"
            data-testid="clear-all"
            onClick={() => {
              setConfirming(false);
              onClear(false);
            }}
          >
            Everything
          </button>
          <button
            type="button"
            className="pill-button"
            onClick={() => {
              setConfirming(false);
            }}
          >
            Cancel
          </button>
        </div>
      )}
    </>
  );
}
