import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import type { LinkFeedback } from './useAddLinks';

const STATE_TEXT: Record<LinkFeedback['state'], string> = {
  adding: 'Adding…',
  added: 'Added',
  duplicate: 'Already in the queue',
  error: 'Not added',
};

/** One line per pasted link: adding, added, a duplicate to add anyway, or why it failed. */
export function AddLinkFeedback({
  entries,
  onAddAnyway,
  onDismiss,
}: {
  entries: readonly LinkFeedback[];
  onAddAnyway: (entry: LinkFeedback) => void;
  onDismiss: () => void;
}) {
  if (entries.length === 0) return null;
  return (
    <div className="link-feedback" data-testid="link-feedback" aria-live="polite">
      <ul>
        {entries.map((entry) => (
          <li
            key={entry.key}
            className={`link-feedback__row link-feedback__row--${entry.state}`}
            data-testid="link-feedback-row"
            data-state={entry.state}
          >
            <span className="link-feedback__state">
              {entry.state === 'adding' && <Spinner />}
              {STATE_TEXT[entry.state]}
            </span>
            <span className="link-feedback__url" title={entry.url}>
              {entry.url}
            </span>
            {entry.message !== undefined && entry.state !== 'duplicate' && (
              <span className="link-feedback__message">{entry.message}</span>
            )}
            {entry.state === 'duplicate' && (
              <button
                type="button"
                className="pill-button link-feedback__action"
                data-testid="add-anyway"
                onClick={() => {
                  onAddAnyway(entry);
                }}
              >
                Add anyway
              </button>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="icon-button link-feedback__close"
        aria-label="Hide these results"
        title="Hide these results"
        onClick={onDismiss}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
