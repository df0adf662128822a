import { useEffect, type RefObject } from 'react';
import type { SyncedPlayerOptions } from './synced-player';
import { useSyncedVideo } from './useSyncedVideo';

export interface Mp4PlayerProps extends SyncedPlayerOptions {
  src: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  onBuffering: (buffering: boolean) => void;
  onMediaError: () => void;
}

/** Our own `<video>` of the server's media path, with no native controls. */
export function Mp4Player(props: Mp4PlayerProps) {
  const { src, videoRef, player, clock, muted, duration } = props;
  const { onDuration, onBlocked, onPlaying, onBuffering, onMediaError } = props;
  useSyncedVideo(videoRef, { player, clock, duration, onBlocked, onPlaying });

  useEffect(() => {
    const video = videoRef.current;
    if (video) video.muted = muted;
  }, [videoRef, muted]);

  return (
    <video
      ref={videoRef}
      className="player-media"
      data-testid="video-element"
      src={src}
      preload="auto"
      playsInline
      disablePictureInPicture
      onLoadedMetadata={(event) => {
        const seconds = event.currentTarget.duration;
        if (Number.isFinite(seconds) && seconds > 0) onDuration(seconds);
      }}
      onWaiting={() => {
        onBuffering(true);
      }}
      onPlaying={() => {
        onBuffering(false);
        onPlaying();
      }}
      onCanPlay={() => {
        onBuffering(false);
      }}
      onError={onMediaError}
    />
  );
}
