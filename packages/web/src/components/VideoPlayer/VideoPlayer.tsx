import { useRef, useState } from 'react';
import { useTicker } from '../../hooks/useTicker';
import { playbackTarget } from '../../lib/playback-sync';
import { embedCommand, TIKTOK_EMBED_ORIGIN } from '../../lib/tiktok-embed';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { CountdownOverlay } from './CountdownOverlay';
import { EndedOverlay } from './EndedOverlay';
import { NowPlaying } from './NowPlaying';
import { PlayerControls } from './PlayerControls';
import { choosePlayerSource } from './player-source';
import { playerStatus } from './player-status';
import { PlayerStage } from './PlayerStage';
import { TapToJoin } from './TapToJoin';
import { useAutoplayUnlock } from './useAutoplayUnlock';
import { useMediaState } from './useMediaState';
import { usePlaybackControls } from './usePlaybackControls';
import './PlayerOverlays.css';
import './VideoPlayer.css';

/**
 * The shared player: a 9:16 stage driven by the room's playback state, our own
 * controls (which only ask the server), and the countdown / tap-to-join / ended overlays.
 */
export function VideoPlayer() {
  const client = useRoomClient();
  const queue = useRoomSelector((view) => view.queue);
  const index = useRoomSelector((view) => view.currentVideoIndex);
  const player = useRoomSelector((view) => view.player);
  const countdownEndsAt = useRoomSelector((view) => view.countdownEndsAt);
  const item = queue[index];
  const media = useMediaState(item);
  const source = choosePlayerSource(item, media.failed);
  const autoplay = useAutoplayUnlock();
  const controls = usePlaybackControls(player, media.duration);
  const [muted, setMuted] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);

  useTicker(250, player?.playing === true);
  const target = player ? playbackTarget(player, client.clock.now(), media.duration) : undefined;
  const status = playerStatus(source, target, media.buffering);
  const playable = source.kind === 'mp4' || source.kind === 'embed';
  const roomPlaying = player?.playing === true && target?.ended !== true;
  const next = index + 1 < queue.length ? index + 1 : undefined;

  const onTap = () => {
    autoplay.unlock();
    // Start inside the gesture itself: some browsers only honour play() there.
    if (!target?.playing) return;
    videoRef.current?.play().catch(() => undefined);
    frameRef.current?.contentWindow?.postMessage(embedCommand('play'), TIKTOK_EMBED_ORIGIN);
  };

  return (
    <section className="player" aria-label="Video player">
      <div className="player-frame">
        <PlayerStage
          source={source}
          videoRef={videoRef}
          frameRef={frameRef}
          player={player}
          clock={client.clock}
          muted={muted}
          duration={media.duration}
          onDuration={media.onDuration}
          onBlocked={autoplay.markBlocked}
          onPlaying={autoplay.markPlaying}
          onBuffering={media.onBuffering}
          onMediaError={media.onMediaError}
          onRetry={controls.retry}
        />
        {playable && target?.ended === true && (
          <EndedOverlay
            onReplay={controls.replay}
            onNext={
              next === undefined
                ? undefined
                : () => {
                    controls.playIndex(next);
                  }
            }
          />
        )}
        {playable && autoplay.needsTap && <TapToJoin onTap={onTap} />}
        <CountdownOverlay endsAt={countdownEndsAt} clock={client.clock} />
      </div>
      <PlayerControls
        player={player}
        status={status.text}
        busy={status.busy}
        playing={roomPlaying}
        position={target?.position ?? 0}
        duration={media.duration}
        disabled={item === undefined}
        muted={muted}
        countdownDisabled={
          item === undefined || (countdownEndsAt !== undefined && (target?.scheduled ?? false))
        }
        onToggle={controls.toggle}
        onSeek={controls.seek}
        onToggleMute={() => {
          setMuted((value) => !value);
        }}
        onCountdown={controls.countdown}
      />
      {controls.error !== undefined && (
        <p className="inline-error player-error" role="alert" data-testid="player-error">
          {controls.error}
        </p>
      )}
      <NowPlaying item={item} position={index} total={queue.length} />
    </section>
  );
}
