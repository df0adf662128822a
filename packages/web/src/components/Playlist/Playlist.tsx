import { Limits, type AckResponse } from '@wt/protocol';
import { useRef, type ClipboardEvent } from 'react';
import { useOnScreenItem } from '../../hooks/useOnScreenItem';
import { lockedForMe } from '../../state/room-reducer';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { AddLinkFeedback } from './AddLinkFeedback';
import { splitLinks } from './pasted-links';
import { PlaylistItem } from './PlaylistItem';
import { QueueActions } from './QueueActions';
import { QueueToolbar } from './QueueToolbar';
import { useAddLinks } from './useAddLinks';
import { useDragReorder } from './useDragReorder';
import { usePendingOrder } from './usePendingOrder';
import './Playlist.css';
import './QueueControls.css';
import '../Roles/Roles.css';

/** The longest a dropped row shows in its new place before the room's own order. */
const PENDING_ORDER_MS = 1500;

/**
 * The shared queue: add one link or several, reorder by dragging (or the arrow buttons),
 * play one now or next, shuffle, loop, clear, retry or remove entries.
 */
export function Playlist() {
  const client = useRoomClient();
  const queue = useRoomSelector((view) => view.queue);
  const loop = useRoomSelector((view) => view.loop);
  const autoplay = useRoomSelector((view) => view.autoplay);
  const currentId = useOnScreenItem().itemId;
  const playing = useRoomSelector((view) => view.player?.playing === true);
  const locked = useRoomSelector(lockedForMe);
  const listRef = useRef<HTMLOListElement>(null);
  const form = useAddLinks(queue, () => {
    requestAnimationFrame(() => {
      listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  });
  const order = usePendingOrder(queue);
  const shown = order.shown;

  const run = (request: Promise<AckResponse>) => {
    void request.then((result) => {
      if (!result.ok) form.showError(result.error.message);
    });
  };
  const move = (itemId: number, toIndex: number) => {
    order.expect(itemId, toIndex);
    void client.moveVideo(itemId, toIndex).then((result) => {
      if (!result.ok) {
        order.cancel();
        form.showError(result.error.message);
        return;
      }
      // The room's order normally arrives with (or before) the answer; never wait longer.
      setTimeout(order.cancel, PENDING_ORDER_MS);
    });
  };
  const drag = useDragReorder(listRef, shown.length, move);

  // Several links pasted into the one-line field keep their separation.
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData?.getData('text') ?? '';
    if (splitLinks(text).length < 2) return;
    event.preventDefault();
    form.setDraft(`${form.draft} ${splitLinks(text).join(' ')}`.trim());
  };

  return (
    <section className="panel playlist" aria-labelledby="playlist-heading">
      <header className="panel__header">
        <h2 id="playlist-heading">Queue</h2>
        <span className="panel__count">{queue.length}</span>
        <fieldset className="locked-fieldset" disabled={locked}>
          <QueueActions
            count={queue.length}
            onShuffle={() => {
              run(client.shuffleQueue());
            }}
            onClear={(keepCurrent) => {
              run(client.clearQueue(keepCurrent));
            }}
          />
        </fieldset>
      </header>
      {locked && (
        <p className="queue-locked" data-testid="queue-locked">
          <Icon name="lock" size={14} />
          The host has locked the queue: only hosts can change it.
        </p>
      )}
      <fieldset className="locked-fieldset" disabled={locked}>
        <form className="playlist-form" onSubmit={(event) => void form.submit(event)} noValidate>
          <input
            className="text-input"
            data-testid="playlist-input"
            type="text"
            inputMode="url"
            autoComplete="off"
            placeholder="Paste TikTok links…"
            aria-label="TikTok links (one or several, separated by spaces)"
            aria-invalid={form.error !== undefined}
            aria-describedby={form.error === undefined ? undefined : 'playlist-error'}
            maxLength={Limits.urlMaxLength * 20}
            value={form.draft}
            onPaste={onPaste}
            onChange={(event) => {
              form.setDraft(event.currentTarget.value);
            }}
          />
          <button type="submit" className="accent-button" data-testid="playlist-add">
            {form.adding ? <Spinner label="Adding" /> : 'Add'}
          </button>
        </form>
        {form.error !== undefined && (
          <p className="inline-error" id="playlist-error" data-testid="playlist-error" role="alert">
            {form.error}
          </p>
        )}
        <AddLinkFeedback
          entries={form.feedback}
          onAddAnyway={form.addAnyway}
          onDismiss={form.dismiss}
        />
        <QueueToolbar
          loop={loop}
          autoplay={autoplay}
          onLoop={(mode) => {
            run(client.setLoop(mode));
          }}
          onAutoplay={(enabled) => {
            run(client.setAutoplay(enabled));
          }}
        />
        {shown.length === 0 ? (
          <p className="panel__empty">The queue is empty. Add the first video!</p>
        ) : (
          <ol className="playlist-items" ref={listRef} data-dragging={drag.dragging !== undefined}>
            {shown.map((item, index) => (
              <PlaylistItem
                key={item.id}
                item={item}
                index={index}
                count={shown.length}
                current={item.id === currentId}
                playing={playing}
                dragging={drag.dragging === item.id}
                style={drag.rowStyle(index)}
                handle={drag.handleProps(item.id, index)}
                onPlay={() => {
                  run(client.changeVideo(queue.findIndex((entry) => entry.id === item.id)));
                }}
                onPlayNext={() => {
                  run(client.playNext(item.id));
                }}
                onMove={(toIndex) => {
                  move(item.id, toIndex);
                }}
                onRemove={() => {
                  const at = queue.findIndex((entry) => entry.id === item.id);
                  if (at >= 0) run(client.removeVideo(at));
                }}
                onRetry={() => {
                  run(client.retryVideo(item.id));
                }}
              />
            ))}
          </ol>
        )}
      </fieldset>
    </section>
  );
}
