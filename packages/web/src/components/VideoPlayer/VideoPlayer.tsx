import { useEffect, useRef, useState } from 'react';
import { embedCommand, TIKTOK_EMBED_ORIGIN } from '../../lib/tiktok-embed';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { NowPlaying } from './NowPlaying';
import { PlaybackModes } from './PlaybackModes';
import { PlayerControls } from './PlayerControls';
import { choosePlayerSource } from './player-source';
import { playerStatus } from './player-status';
import { PlayerStage } from './PlayerStage';
import { chooseOverlay, countdownLabel, listNames, stageNotice, waitingFor } from './stage-copy';
import { StageNotice } from './StageNotice';
import { StageOverlay } from './StageOverlay';
import { useAutoplayUnlock } from './useAutoplayUnlock';
import { useCountdown } from './useCountdown';
import { usePlaybackControls } from './usePlaybackControls';
import { useRoomPlayback } from './useRoomPlayback';
import { useSyncEngine } from './useSyncEngine';
import './PlayerOverlays.css';
import './VideoPlayer.css';

/**
 * The shared player: a 9:16 stage driven by the sync engine, our own controls (which
 * only ask the server), one overlay at a time (countdown, tap to join, end card) and a
 * small notice while a start is awaited.
 */
export function VideoPlayer() {
  const client = useRoomClient();
  const [muted, setMuted] = useState(false);
  const { engine, snapshot, hostRef } = useSyncEngine(client, muted);
  const { queue, player, playback, item, index } = useRoomPlayback(engine.durationOf);
  const countdownEndsAt = useRoomSelector((view) => view.countdownEndsAt);
  const members = useRoomSelector((view) => view.members);
  const users = useRoomSelector((view) => view.users);
  const loop = useRoomSelector((view) => view.loop);
  const autoplayNext = useRoomSelector((view) => view.autoplay);
  // Shown from the page's snapshot, not joined yet: the clip plays, the controls wait.
  const preview = useRoomSelector((view) => view.preview);
  const selfId = useRoomSelector((view) => view.self?.id);
  const source = choosePlayerSource(item, snapshot.failed);
  const autoplay = useAutoplayUnlock();
  const controls = usePlaybackControls(playback, engine);
  const countdown = useCountdown(countdownEndsAt, client.clock);
  const frameRef = useRef<HTMLIFrameElement>(null);

  const playable = source.kind === 'mp4' || source.kind === 'embed';
  const ours = source.kind === 'mp4';
  const needsTap = (ours && snapshot.blocked) || autoplay.needsTap;
  const waiting = waitingFor(members, users, selfId);
  const held = playback?.scheduled === true && playback.gate === 'held';
  const status = playerStatus(source, playback, ours ? snapshot.status : undefined);
  const duration = playback?.duration;
  const overlay = chooseOverlay({
    countdownVisible: countdown.visible,
    needsTap,
    ended: playback?.ended === true,
    playable,
  });

  // Our media really plays: whatever we feared about autoplay, it works here.
  const runningHere = ours && playback?.running === true && snapshot.status === 'in_sync';
  const { markPlaying } = autoplay;
  useEffect(() => {
    if (runningHere) markPlaying();
  }, [runningHere, markPlaying]);

  const onTap = () => {
    autoplay.unlock();
    // Inside the gesture itself: some browsers only let media start there.
    engine.unlock();
    if (playback?.running === true) {
      frameRef.current?.contentWindow?.postMessage(embedCommand('play'), TIKTOK_EMBED_ORIGIN);
    }
  };

  return (
    <section className="player" aria-label="Video player">
      <div className="player-frame">
        <PlayerStage
          source={source}
          hostRef={hostRef}
          frameRef={frameRef}
          player={player}
          clock={client.clock}
          muted={muted}
          durationOf={engine.durationOf}
          onDuration={(seconds) => {
            if (item) engine.noteDuration(item.id, seconds);
          }}
          onBlocked={autoplay.markBlocked}
          onPlaying={autoplay.markPlaying}
          reports={client.reports}
          onRetry={controls.retry}
        />
        <StageNotice
          notice={
            overlay === undefined
              ? stageNotice({
                  playback,
                  countdownVisible: countdown.visible,
                  buffering: ours && snapshot.status === 'buffering',
                  waiting,
                })
              : undefined
          }
        />
        <StageOverlay
          kind={overlay}
          countdown={countdown}
          countdownWaiting={held ? `Waiting for ${listNames(waiting) || 'everyone'}…` : undefined}
          needsTap={needsTap && playable}
          queue={queue}
          index={index}
          autoplay={autoplayNext}
          onTap={onTap}
          onReplay={controls.replay}
          onPlayIndex={controls.playIndex}
        />
      </div>
      <PlayerControls
        player={player}
        status={status.text}
        busy={status.busy}
        playing={playback?.playing === true}
        position={playback?.position ?? 0}
        duration={duration}
        disabled={item === undefined || preview || source.kind === 'unplayable'}
        muted={muted}
        countdownDisabled={item === undefined || preview || countdown.visible}
        countdownLabel={countdownLabel(playback)}
        onToggle={controls.toggle}
        onSeek={controls.seek}
        onToggleMute={() => {
          setMuted((value) => !value);
        }}
        onResync={controls.resync}
        onCountdown={controls.countdown}
      />
      {controls.error !== undefined && (
        <p className="inline-error player-error" role="alert" data-testid="player-error">
          {controls.error}
        </p>
      )}
      <NowPlaying item={item} position={index} total={queue.length} />
      <PlaybackModes
        loop={loop}
        autoplay={autoplayNext}
        onLoop={controls.setLoop}
        onAutoplay={controls.setAutoplay}
      />
    </section>
  );
}
