import type { RefObject } from 'react';
import { EmbedPlayer } from './EmbedPlayer';
import { Mp4Player, type Mp4PlayerProps } from './Mp4Player';
import type { PlayerSource } from './player-source';
import { EmptyQueue, Resolving, Unplayable } from './StagePlaceholders';

export interface PlayerStageProps extends Omit<Mp4PlayerProps, 'src'> {
  source: PlayerSource;
  frameRef: RefObject<HTMLIFrameElement | null>;
  onRetry: (id: number) => void;
}

/** The picture: our `<video>`, the TikTok embed, or a placeholder. */
export function PlayerStage(props: PlayerStageProps) {
  const { source, player, clock, muted, duration } = props;
  const sync = { player, clock, muted, duration, onDuration: props.onDuration };
  switch (source.kind) {
    case 'empty':
      return <EmptyQueue />;
    case 'processing':
      return <Resolving item={source.item} />;
    case 'unplayable':
      return (
        <Unplayable
          item={source.item}
          onRetry={() => {
            props.onRetry(source.item.id);
          }}
        />
      );
    case 'mp4':
      return (
        <Mp4Player
          key={source.item.id}
          src={source.src}
          videoRef={props.videoRef}
          {...sync}
          onBlocked={props.onBlocked}
          onPlaying={props.onPlaying}
          onBuffering={props.onBuffering}
          onMediaError={props.onMediaError}
        />
      );
    case 'embed':
      return (
        <EmbedPlayer
          key={source.item.id}
          src={source.src}
          title={source.item.title ?? 'TikTok video'}
          frameRef={props.frameRef}
          {...sync}
          onBlocked={props.onBlocked}
          onPlaying={props.onPlaying}
        />
      );
  }
}
