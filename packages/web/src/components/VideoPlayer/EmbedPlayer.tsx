import { useEffect, useState, type RefObject } from 'react';
import { embedSrc } from '../../lib/tiktok-embed';
import { Spinner } from '../common/Spinner';
import type { SyncedPlayerOptions } from './synced-player';
import { useEmbedPlayer } from './useEmbedPlayer';

export interface EmbedPlayerProps extends SyncedPlayerOptions {
  src: string;
  title: string;
  frameRef: RefObject<HTMLIFrameElement | null>;
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
