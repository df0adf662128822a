import type { VideoItem } from '@wt/protocol';

/** Title, author and who queued the current video. */
export function NowPlaying({
  item,
  position,
  total,
}: {
  item: VideoItem | undefined;
  position: number;
  total: number;
}) {
  if (!item) return null;
  return (
    <div className="now-playing">
      <span className="now-playing__index" data-testid="now-playing-index">
        {position + 1} / {total}
      </span>
      <div className="now-playing__text">
        <a
          className="now-playing__title"
          href={item.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
        >
          {item.title !== undefined && item.title !== '' ? item.title : item.url}
        </a>
        <span className="now-playing__meta">
          {item.author !== undefined && <>@{item.author.uniqueId} · </>}added by {item.addedBy}
        </span>
      </div>
    </div>
  );
}
