import type { AckResponse, PlayerStatePayload } from '@wt/protocol';
import { useState } from 'react';
import { playbackTarget } from '../../lib/playback-sync';
import { useRoomClient } from '../../state/RoomContext';

/**
 * The room-wide player commands. Nothing here touches the media element: the
 * server's answer (`player_state`) is what moves every player, this one included.
 */
export function usePlaybackControls(
  player: PlayerStatePayload | undefined,
  duration: number | undefined,
) {
  const client = useRoomClient();
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

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
      const target = player ? playbackTarget(player, client.clock.now(), duration) : undefined;
      if (player?.playing === true && target?.ended !== true) {
        run(() => client.pause(target?.position ?? 0));
      } else {
        run(() => client.play(target?.ended === true ? 0 : (target?.position ?? 0)));
      }
    },
    seek: (time: number) => {
      run(() => client.seek(time));
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
  };
}
