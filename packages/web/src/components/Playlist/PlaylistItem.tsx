import type { VideoItem } from '@wt/protocol';
import { useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDuration } from '../../lib/format';
import { Icon } from '../common/Icon';
import { ItemStatus } from './ItemStatus';
import { playabilityOf, thumbnailSrc } from './item-view';
import { QueueIcon } from './QueueIcon';

export interface PlaylistItemProps {
  item: VideoItem;
  index: number;
  count: number;
  current: boolean;
  playing: boolean;
  dragging: boolean;
  style: CSSProperties | undefined;
  handle: {
    onPointerDown: (event: PointerEvent<HTMLElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLElement>) => void;
    onPointerUp: () => void;
    onPointerCancel: () => void;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
  onPlay: () => void;
  onPlayNext: () => void;
  onMove: (toIndex: number) => void;
  onRemove: () => void;
  onRetry: () => void;
}

function Thumbnail({ item, index }: { item: VideoItem; index: number }) {
  const [broken, setBroken] = useState(false);
  const src = thumbnailSrc(item);
  if (src === undefined || broken) {
    return <span className="playlist-thumb playlist-thumb--empty">{index + 1}</span>;
  }
  return (
    <img
      className="playlist-thumb"
      src={src}
      alt=""
      loading="lazy"
      width={40}
      height={56}
      onError={() => {
        setBroken(true);
      }}
    />
  );
}

function titleOf(item: VideoItem): string {
  return item.title !== undefined && item.title !== '' ? item.title : item.url;
}

/**
 * One queue entry: drag handle, cover, caption, author, length and status, and its
 * actions. Nothing happens on a tap of the row itself: playing it for everyone is the
 * explicit Play button.
 */
export function PlaylistItem(props: PlaylistItemProps) {
  const { item, index, count, current, playing } = props;
  const failed = playabilityOf(item) === 'failed';
  const title = titleOf(item);
  const classes = [
    'playlist-item',
    current && 'playlist-item--current',
    failed && 'playlist-item--error',
    props.dragging && 'playlist-item--dragging',
  ];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      style={props.style}
      data-testid="playlist-item"
      data-item-id={item.id}
      data-processing={String(item.isProcessing === true)}
      data-current={String(current)}
      aria-current={current ? 'true' : undefined}
    >
      <button
        type="button"
        className="playlist-item__handle"
        data-testid="drag-handle"
        aria-label={`Move “${title}” (position ${index + 1} of ${count}); arrow keys move it`}
        title="Drag to reorder (or use the arrow keys)"
        {...props.handle}
      >
        <QueueIcon name="grip" size={16} />
      </button>
      <Thumbnail item={item} index={index} />
      <div className="playlist-item__body">
        <span className="playlist-item__title" data-testid="playlist-item-title">
          {title}
        </span>
        <span className="playlist-item__meta">
          {item.author !== undefined && item.author.uniqueId !== '' && (
            <>@{item.author.uniqueId} · </>
          )}
          {item.duration !== undefined && <>{formatDuration(item.duration)} · </>}
          added by {item.addedBy}
        </span>
        <ItemStatus item={item} />
        <div className="playlist-item__actions">
          {current ? (
            <span className={playing ? 'now-badge now-badge--playing' : 'now-badge'}>
              <span className="now-badge__bars" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              {playing ? 'Playing' : 'Current'}
            </span>
          ) : (
            <button
              type="button"
              className="row-button row-button--play"
              data-testid="play-video"
              disabled={failed}
              title={failed ? 'This video can’t be played' : 'Play this now, for everyone'}
              aria-label={`Play “${title}” now for everyone`}
              onClick={props.onPlay}
            >
              <Icon name="play" size={14} /> Play
            </button>
          )}
          {item.error !== undefined && item.isProcessing !== true && (
            <button
              type="button"
              className="row-button"
              data-testid="retry-video"
              aria-label={`Try “${title}” again`}
              title="Ask TikTok again"
              onClick={props.onRetry}
            >
              <Icon name="retry" size={14} />
              {failed && 'Retry'}
            </button>
          )}
          {!failed && (
            <button
              type="button"
              className="row-button"
              data-testid="play-next"
              disabled={current}
              aria-label={`Play “${title}” next`}
              title="Play next"
              onClick={props.onPlayNext}
            >
              <QueueIcon name="playNext" size={16} />
            </button>
          )}
          <button
            type="button"
            className="row-button"
            data-testid="move-up"
            disabled={index === 0}
            aria-label={`Move “${title}” up`}
            title="Move up"
            onClick={() => {
              props.onMove(index - 1);
            }}
          >
            <QueueIcon name="up" size={16} />
          </button>
          <button
            type="button"
            className="row-button"
            data-testid="move-down"
            disabled={index === count - 1}
            aria-label={`Move “${title}” down`}
            title="Move down"
            onClick={() => {
              props.onMove(index + 1);
            }}
          >
            <QueueIcon name="down" size={16} />
          </button>
          <button
            type="button"
            className="row-button row-button--danger"
            data-testid="remove-video"
            aria-label={`Remove “${title}” from the queue`}
            title="Remove from queue"
            onClick={props.onRemove}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      </div>
    </li>
  );
}
