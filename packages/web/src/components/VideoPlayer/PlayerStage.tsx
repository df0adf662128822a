import { lazy, Suspense, type RefObject } from 'react';
import { EmbedPlayer } from './EmbedPlayer';
import type { PlayerSource } from './player-source';
import { EmptyQueue, Resolving, Unplayable } from './StagePlaceholders';
import type { SyncedPlayerOptions } from './synced-player';

/** Not needed for the first paint: loaded beside it. */
const Reactions = lazy(() =>
  import('../Reactions/Reactions').then((module) => ({ default: module.Reactions })),
);

export interface PlayerStageProps extends SyncedPlayerOptions {
  source: PlayerSource;
  /** Where the sync engine's two `<video>` elements live (shown for MP4 clips only). */
  hostRef: RefObject<HTMLDivElement | null>;
  frameRef: RefObject<HTMLIFrameElement | null>;
  onRetry: (id: number) => void;
}

/** The picture: our `<video>` pair, the TikTok embed, or a placeholder. */
export function PlayerStage(props: PlayerStageProps) {
  const { source, hostRef, frameRef, onRetry, ...sync } = props;
  const poster = source.kind === 'mp4' ? source.item.thumbnailUrl : undefined;
  return (
    <>
      {/* Shows through until the clip's first frame is decoded: a wait never blanks the stage. */}
      {poster !== undefined && (
        <img className="player-poster" src={poster} alt="" referrerPolicy="no-referrer" />
      )}
      <div ref={hostRef} className="player-media-host" hidden={source.kind !== 'mp4'} />
      {source.kind === 'empty' && <EmptyQueue />}
      {source.kind === 'processing' && <Resolving item={source.item} />}
      {source.kind === 'unplayable' && (
        <Unplayable
          item={source.item}
          onRetry={() => {
            onRetry(source.item.id);
          }}
        />
      )}
      {source.kind === 'embed' && (
        <EmbedPlayer
          key={source.item.id}
          src={source.src}
          title={source.item.title ?? 'TikTok video'}
          frameRef={frameRef}
          {...sync}
        />
      )}
      <Suspense fallback={null}>
        <Reactions enabled={source.kind === 'mp4' || source.kind === 'embed'} />
      </Suspense>
    </>
  );
}
