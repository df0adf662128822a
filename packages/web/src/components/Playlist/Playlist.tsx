import { Limits, type AckResponse } from '@wt/protocol';
import { useRef } from 'react';
import { useOnScreenItem } from '../../hooks/useOnScreenItem';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Spinner } from '../common/Spinner';
import { PlaylistItem } from './PlaylistItem';
import { useAddVideo } from './useAddVideo';
import './Playlist.css';

/** The shared queue: add a TikTok link, pick what plays, retry or remove entries. */
export function Playlist() {
  const client = useRoomClient();
  const queue = useRoomSelector((view) => view.queue);
  const currentIndex = useOnScreenItem().index;
  const playing = useRoomSelector((view) => view.player?.playing === true);
  const listRef = useRef<HTMLOListElement>(null);
  // The new entry is the last one: bring it into view once it has rendered.
  const form = useAddVideo(() => {
    requestAnimationFrame(() => {
      listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  });

  const run = (request: Promise<AckResponse>) => {
    void request.then((result) => {
      if (!result.ok) form.showError(result.error.message);
    });
  };

  return (
    <section className="panel playlist" aria-labelledby="playlist-heading">
      <header className="panel__header">
        <h2 id="playlist-heading">Queue</h2>
        <span className="panel__count">{queue.length}</span>
      </header>
      <form className="playlist-form" onSubmit={(event) => void form.submit(event)} noValidate>
        <input
          className="text-input"
          data-testid="playlist-input"
          type="url"
          inputMode="url"
          placeholder="Paste a TikTok link…"
          aria-label="TikTok link"
          aria-invalid={form.error !== undefined}
          aria-describedby={form.error === undefined ? undefined : 'playlist-error'}
          maxLength={Limits.urlMaxLength}
          value={form.draft}
          onChange={(event) => {
            form.setDraft(event.currentTarget.value);
          }}
        />
        <button
          type="submit"
          className="accent-button"
          data-testid="playlist-add"
          disabled={form.adding}
        >
          {form.adding ? <Spinner label="Adding" /> : 'Add'}
        </button>
      </form>
      {form.error !== undefined && (
        <p className="inline-error" id="playlist-error" data-testid="playlist-error" role="alert">
          {form.error}
        </p>
      )}
      {queue.length === 0 ? (
        <p className="panel__empty">The queue is empty. Add the first video!</p>
      ) : (
        <ol className="playlist-items" ref={listRef}>
          {queue.map((item, index) => (
            <PlaylistItem
              key={item.id}
              item={item}
              index={index}
              current={index === currentIndex}
              playing={playing}
              onPlay={() => {
                if (index !== currentIndex) run(client.changeVideo(index));
              }}
              onRemove={() => {
                run(client.removeVideo(index));
              }}
              onRetry={() => {
                run(client.retryVideo(item.id));
              }}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
