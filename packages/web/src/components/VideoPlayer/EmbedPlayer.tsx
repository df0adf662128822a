import type { PlayerStatePayload } from '@wt/protocol';
import { useEffect, useState, type RefObject } from 'react';
import type { ServerClock } from '../../lib/clock';
import { embedSrc } from '../../lib/tiktok-embed';
import { Spinner } from '../common/Spinner';
import { useEmbedPlayer } from './useEmbedPlayer';

export interface EmbedPlayerProps {
  src: string;
  title: string;
  frameRef: RefObject<HTMLIFrameElement | null>;
  player: PlayerStatePayload | undefined;
  clock: ServerClock;
  muted: boolean;
  duration: number | undefined;
  onDuration: (seconds: number) => void;
  onBlocked: () => void;
  onPlaying: () => void;
}

const SLOW_LOAD_MS = 10_000;

/** The official TikTok Embed Player, synced through its postMessage API. */
export function EmbedPlayer(props: EmbedPlayerProps) {
  const { src, title, frameRef, ...sync } = props;
  const ready = useEmbedPlayer(frameRef, sync);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSlow(true);
    }, SLOW_LOAD_MS);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  return (
    <>
      <iframe
        ref={frameRef}
        className="player-media player-embed"
        data-testid="embed-frame"
        src={embedSrc(src)}
        title={title}
        allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
        referrerPolicy="strict-origin-when-cross-origin"
      />
      {!ready && (
        <div className="player-embed-loading" aria-live="polite">
          <Spinner />
          <span>
            {slow ? 'TikTok’s player is taking a while to load…' : 'Loading TikTok’s player…'}
          </span>
        </div>
      )}
    </>
  );
}
