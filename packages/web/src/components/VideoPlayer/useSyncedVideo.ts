import type { PlayerStatePayload } from '@wt/protocol';
import { useEffect, useEffectEvent, type RefObject } from 'react';
import type { ServerClock } from '../../lib/clock';
import { planCorrection, playbackTarget } from '../../lib/playback-sync';

export interface SyncedVideoOptions {
  player: PlayerStatePayload | undefined;
  clock: ServerClock;
  /** Fallback when the element does not know its duration yet. */
  duration: number | undefined;
  /** `play()` was refused by the autoplay policy. */
  onBlocked: () => void;
  /** The element is really playing (so autoplay is unlocked). */
  onPlaying: () => void;
}

/** How often drift is measured and corrected. */
const SYNC_INTERVAL_MS = 250;

function isAutoplayRefusal(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'NotAllowedError';
}

/**
 * Steers a `<video>` to the room's playback state: every tick it computes where the
 * room is (server clock) and seeks, plays, pauses or nudges the rate to match. The
 * element is only ever driven from here, never from its own events, so it cannot
 * echo a change back to the room.
 */
export function useSyncedVideo(
  videoRef: RefObject<HTMLVideoElement | null>,
  options: SyncedVideoOptions,
): void {
  const { player, clock } = options;

  const tick = useEffectEvent(() => {
    const video = videoRef.current;
    if (!video || video.readyState < HTMLMediaElement.HAVE_METADATA || video.seeking) return;
    if (!player) {
      if (!video.paused) video.pause();
      return;
    }
    const duration = Number.isFinite(video.duration) ? video.duration : options.duration;
    const target = playbackTarget(player, clock.now(), duration);
    const fix = planCorrection(
      target,
      { currentTime: video.currentTime, paused: video.paused },
      player.rate,
    );
    if (fix.seekTo !== undefined) video.currentTime = fix.seekTo;
    if (Math.abs(video.playbackRate - fix.playbackRate) > 0.001) {
      video.playbackRate = fix.playbackRate;
    }
    if (fix.pause) video.pause();
    if (fix.play) {
      video.play().then(options.onPlaying, (error: unknown) => {
        if (isAutoplayRefusal(error)) options.onBlocked();
        // Any other refusal (an AbortError from a pause racing the play) is retried next tick.
      });
    }
  });

  // The steady loop, plus a pass whenever the element becomes able to seek or play.
  useEffect(() => {
    const video = videoRef.current;
    const timer = setInterval(() => {
      tick();
    }, SYNC_INTERVAL_MS);
    const onReady = () => {
      tick();
    };
    video?.addEventListener('loadedmetadata', onReady);
    video?.addEventListener('canplay', onReady);
    video?.addEventListener('seeked', onReady);
    return () => {
      clearInterval(timer);
      video?.removeEventListener('loadedmetadata', onReady);
      video?.removeEventListener('canplay', onReady);
      video?.removeEventListener('seeked', onReady);
    };
  }, [videoRef]);

  // A new state is applied at once, and a scheduled start (countdown) to the millisecond.
  useEffect(() => {
    tick();
    if (!player?.playing) return;
    const startsIn = player.updatedAt - clock.now();
    if (startsIn <= 0) return;
    const timer = setTimeout(() => {
      tick();
    }, startsIn);
    return () => {
      clearTimeout(timer);
    };
  }, [player, clock]);
}
