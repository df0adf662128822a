import type { VideoItem } from '@wt/protocol';
import { useState } from 'react';
import { formatDuration } from '../../lib/format';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';

export interface PlaylistItemProps {
  item: VideoItem;
  index: number;
  current: boolean;
  playing: boolean;
  onPlay: () => void;
  onRemove: () => void;
  onRetry: () => void;
}

function Thumbnail({ item, index }: { item: VideoItem; index: number }) {
  const [broken, setBroken] = useState(false);
  if (item.thumbnailUrl === undefined || broken) {
    return <span className="playlist-thumb playlist-thumb--empty">{index + 1}</span>;
  }
  return (
    <img
      className="playlist-thumb"
      src={item.thumbnailUrl}
      alt=""
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => {
        setBroken(true);
      }}
    />
  );
}

export function PlaylistItem({ item, index, current, playing, ...actions }: PlaylistItemProps) {
  const processing = item.isProcessing === true;
  const title = item.title !== undefined && item.title !== '' ? item.title : item.url;
  const classes = [
    'playlist-item',
    current && 'playlist-item--current',
    item.error && 'playlist-item--error',
  ];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-testid="playlist-item"
      data-processing={String(processing)}
      data-current={String(current)}
    >
      <button
        type="button"
        className="playlist-item__main"
        aria-current={current ? 'true' : undefined}
        title={current ? 'Playing now' : 'Play this for everyone'}
        onClick={actions.onPlay}
      >
        <Thumbnail item={item} index={index} />
        <span className="playlist-item__text">
          <span className="playlist-item__title" data-testid="playlist-item-title">
            {title}
          </span>
          <span className="playlist-item__meta">
            {item.author !== undefined && <>@{item.author.uniqueId} · </>}
            added by {item.addedBy}
            {item.duration !== undefined && <> · {formatDuration(item.duration)}</>}
          </span>
          {processing && (
            <span className="playlist-item__status">
              <Spinner /> Resolving…
            </span>
          )}
          {item.error !== undefined && !processing && (
            <span className="playlist-item__error">{item.error.message}</span>
          )}
        </span>
        {current && (
          <span
            className={playing ? 'now-badge now-badge--playing' : 'now-badge'}
            aria-hidden="true"
          >
            <i />
            <i />
            <i />
          </span>
        )}
      </button>
      <div className="playlist-item__actions">
        {item.error !== undefined && !processing && (
          <button
            type="button"
            className="icon-button"
            data-testid="retry-video"
            title="Try again"
            aria-label="Retry"
            onClick={actions.onRetry}
          >
            <Icon name="retry" size={16} />
          </button>
        )}
        <button
          type="button"
          className="icon-button icon-button--danger"
          data-testid="remove-video"
          title="Remove from queue"
          aria-label="Remove from queue"
          onClick={actions.onRemove}
        >
          <Icon name="close" size={16} />
        </button>
      </div>
    </li>
  );
}
