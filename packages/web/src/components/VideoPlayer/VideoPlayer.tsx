import { useEffect, useRef, useState } from 'react';
import { embedCommand, TIKTOK_EMBED_ORIGIN } from '../../lib/tiktok-embed';
import { lockedForMe } from '../../state/room-reducer';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { LockedControlsNotice } from '../Roles/VoteSkip';
import type { Gesture } from './gesture';
import { NowPlaying } from './NowPlaying';
import { PlaybackModes } from './PlaybackModes';
import { PlayerControls, type ViewToggle } from './PlayerControls';
import { choosePlayerSource } from './player-source';
import { playerStatus } from './player-status';
import { PlayerStage } from './PlayerStage';
import { ShortcutHelp } from './ShortcutHelp';
import { chooseOverlay, countdownLabel, listNames, stageNotice, waitingFor } from './stage-copy';
import { StageHint, useStageHint } from './StageHint';
import { StageNotice } from './StageNotice';
import { StageOverlay } from './StageOverlay';
import { useAutoplayUnlock } from './useAutoplayUnlock';
import { useCountdown } from './useCountdown';
import { useFullscreen } from './useFullscreen';
import { usePlaybackControls } from './usePlaybackControls';
import { useRoomPlayback } from './useRoomPlayback';
import { usePlayerShortcuts } from './usePlayerShortcuts';
import { useQueueSteps } from './useQueueSteps';
import { useStageGestures } from './useStageGestures';
import { useSyncEngine } from './useSyncEngine';
import './PlayerOverlays.css';
import './VideoPlayer.css';
import '../Roles/Roles.css';

/**
 * The shared player: a 9:16 stage driven by the sync engine, with everything over the
 * clip as in TikTok (caption, room switches, our own controls, which only ask the
 * server), one overlay at a time (countdown, tap to join, end card), a small notice
 * while a start is awaited. A vertical swipe on the clip moves the room to the next or
 * previous clip; keyboard shortcuts work anywhere on the page.
 */
export function VideoPlayer({ theatre }: { theatre: ViewToggle | undefined }) {
  const client = useRoomClient();
  const [muted, setMuted] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const { engine, snapshot, hostRef, elements } = useSyncEngine(client, muted);
  const { queue, player, playback, item, index } = useRoomPlayback(engine.durationOf);
  const countdownEndsAt = useRoomSelector((view) => view.countdownEndsAt);
  const members = useRoomSelector((view) => view.members);
  const users = useRoomSelector((view) => view.users);
  const loop = useRoomSelector((view) => view.loop);
  const autoplayNext = useRoomSelector((view) => view.autoplay);
  // Shown from the page's snapshot, not joined yet: the clip plays, the controls wait.
  const preview = useRoomSelector((view) => view.preview);
  const selfId = useRoomSelector((view) => view.self?.id);
  // The host locked the controls: ours ask nothing of the room (a vote to skip instead).
  const locked = useRoomSelector(lockedForMe);
  const source = choosePlayerSource(item, snapshot.failed);
  const autoplay = useAutoplayUnlock();
  const controls = usePlaybackControls(playback, engine);
  const countdown = useCountdown(countdownEndsAt, client.clock);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const playerRef = useRef<HTMLElement>(null);
  const fullscreen = useFullscreen(playerRef);
  const hint = useStageHint();

  const playable = source.kind === 'mp4' || source.kind === 'embed';
  const ours = source.kind === 'mp4';
  const needsTap = (ours && snapshot.blocked) || autoplay.needsTap;
  const waiting = waitingFor(members, users, selfId);
  const held = playback?.scheduled === true && playback.gate === 'held';
  const status = playerStatus(source, playback, ours ? snapshot.status : undefined);
  const duration = playback?.duration;
  // Nothing to play: no clip, a preview, or a clip that cannot play (deleted, private...).
  const disabled = item === undefined || preview || source.kind === 'unplayable';
  const roomControlsOff = disabled || locked;
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

  // The picture is labelled with what it shows, for screen readers.
  const label = item === undefined ? 'No clip playing' : `Clip: ${item.title ?? item.url}`;
  useEffect(() => {
    for (const element of elements) element.setAttribute('aria-label', label);
  }, [elements, label]);

  const { onPrevious, onNext, step } = useQueueSteps({
    length: queue.length,
    index,
    loop,
    disabled: roomControlsOff,
    playIndex: controls.playIndex,
    hint: hint.show,
  });

  const onTap = () => {
    autoplay.unlock();
    // Inside the gesture itself: some browsers only let media start there.
    engine.unlock();
    if (playback?.running === true) {
      frameRef.current?.contentWindow?.postMessage(embedCommand('play'), TIKTOK_EMBED_ORIGIN);
    }
  };

  const gestures = useStageGestures((gesture: Gesture) => {
    if (gesture === 'swipe_up') step('next');
    else if (gesture === 'swipe_down') step('previous');
    // A tap on the clip plays or pauses it for everyone, as in TikTok (not under an overlay).
    else if (overlay === undefined && !roomControlsOff) controls.toggle();
  });

  usePlayerShortcuts({
    disabled: roomControlsOff,
    controls,
    next: () => {
      step('next');
    },
    toggleMute: () => {
      setMuted((value) => !value);
    },
    toggleFullscreen: fullscreen.toggle,
    openHelp: () => {
      setHelpOpen(true);
    },
  });

  return (
    <section
      ref={playerRef}
      className={fullscreen.active ? 'player player--fullscreen' : 'player'}
      aria-label="Video player"
      data-testid="player"
    >
      <div className="player-frame" data-testid="player-stage" {...gestures}>
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
        {/*
          Slot for the reactions overlay: render it here, over the picture and under the
          notices, overlays and controls (z-index 1, `pointer-events: none` on its box,
          so the swipe and tap on the clip keep working).
        */}
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
        <StageHint text={hint.text} />
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
        {controls.error !== undefined && (
          <p className="player-error" role="alert" data-testid="player-error">
            {controls.error}
          </p>
        )}
        <div className="player-hud">
          <NowPlaying item={item} position={index} total={queue.length} />
          {locked ? (
            <LockedControlsNotice />
          ) : (
            <PlaybackModes
              loop={loop}
              autoplay={autoplayNext}
              onLoop={controls.setLoop}
              onAutoplay={controls.setAutoplay}
              countdown={{
                ...countdownLabel(playback),
                disabled: roomControlsOff || countdown.visible,
                onStart: controls.countdown,
              }}
            />
          )}
          <PlayerControls
            player={player}
            status={status.text}
            busy={status.busy}
            playing={playback?.playing === true}
            position={playback?.position ?? 0}
            duration={duration}
            disabled={disabled}
            locked={locked}
            muted={muted}
            onPrevious={onPrevious}
            onNext={onNext}
            onToggle={controls.toggle}
            onSeek={controls.seek}
            onToggleMute={() => {
              setMuted((value) => !value);
            }}
            onResync={controls.resync}
            onHelp={() => {
              setHelpOpen(true);
            }}
            fullscreen={fullscreen.supported ? fullscreen : undefined}
            theatre={theatre}
          />
        </div>
      </div>
      {helpOpen && (
        <ShortcutHelp
          onClose={() => {
            setHelpOpen(false);
          }}
        />
      )}
    </section>
  );
}
