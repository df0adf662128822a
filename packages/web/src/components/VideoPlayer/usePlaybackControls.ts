import type { AckResponse, LoopMode } from '@wt/protocol';
import { useState } from 'react';
import { useOnReconnect } from '../../hooks/useOnReconnect';
import type { EffectivePlayback } from '../../lib/playback-sync';
import type { SyncEngine } from '../../lib/sync/engine';
import { useRoomClient } from '../../state/RoomContext';

/**
 * The room-wide player commands. Nothing here touches the media element: the
 * server's answer (`player_state`) is what moves every player, this one included.
 * Resync is the exception: it only re-measures the clock and re-starts this player.
 */
export function usePlaybackControls(playback: EffectivePlayback | undefined, engine: SyncEngine) {
  const client = useRoomClient();
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  // "Not connected" and the like were about the link that is back now.
  useOnReconnect(() => {
    setError(undefined);
  });

  const run = (request: () => Promise<AckResponse>) => {
    setPending(true);
    void request().then((result) => {
      setPending(false);
      setError(result.ok ? undefined : result.error.message);
    });
  };

  return {
    error,
    pending,
    toggle: () => {
      if (playback?.playing === true) {
        run(() => client.pause(playback.position));
      } else {
        run(() => client.play(playback?.ended === true ? 0 : (playback?.position ?? 0)));
      }
    },
    seek: (time: number) => {
      run(() => client.seek(time));
    },
    /** Moves the room's clip by `seconds` (the arrow keys), within the clip. */
    seekBy: (seconds: number) => {
      if (!playback) return;
      const end = playback.duration ?? Number.POSITIVE_INFINITY;
      run(() => client.seek(Math.min(Math.max(0, playback.position + seconds), end)));
    },
    replay: () => {
      run(() => client.play(0));
    },
    playIndex: (index: number) => {
      run(() => client.changeVideo(index));
    },
    countdown: () => {
      run(() => client.requestCountdown());
    },
    retry: (id: number) => {
      run(() => client.retryVideo(id));
    },
    setLoop: (mode: LoopMode) => {
      run(() => client.setLoop(mode));
    },
    setAutoplay: (enabled: boolean) => {
      run(() => client.setAutoplay(enabled));
    },
    resync: () => {
      void client.resyncClock().then(() => {
        engine.resync();
      });
    },
  };
}
