import type { PlayerStatePayload } from '@wt/protocol';
import { useRef } from 'react';
import { formatDuration } from '../../lib/format';
import { Icon, type IconName } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { useSeekBar } from './useSeekBar';
import './PlayerControls.css';

/** A screen-only switch (fullscreen, theatre): whether it is on, and its toggle. */
export interface ViewToggle {
  active: boolean;
  toggle: () => void;
}

export interface PlayerControlsProps {
  player: PlayerStatePayload | undefined;
  status: string;
  busy: boolean;
  playing: boolean;
  position: number;
  duration: number | undefined;
  disabled: boolean;
  /** The host locked the controls: the room's own (play, seek, skip) are off for us. */
  locked?: boolean;
  muted: boolean;
  /** Undefined at an end of the queue (or with one clip). */
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
  onToggle: () => void;
  onSeek: (time: number) => void;
  onToggleMute: () => void;
  onResync: () => void;
  onHelp: () => void;
  fullscreen: ViewToggle | undefined;
  theatre: ViewToggle | undefined;
}

/** When the length is unknown (embed without metadata), the bar still allows a seek. */
function seekMax(duration: number | undefined, position: number): number {
  if (duration !== undefined && duration > 0) return duration;
  return Math.max(60, Math.ceil(position) + 30);
}

function RoundButton(props: {
  icon: IconName;
  label: string;
  title: string;
  onClick: (() => void) | undefined;
  disabled?: boolean;
  pressed?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="control-button"
      data-testid={props.testId}
      aria-label={props.label}
      aria-pressed={props.pressed}
      title={props.title}
      disabled={props.disabled === true || props.onClick === undefined}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}

/** The controls over the bottom of the clip: the seek bar, time and status, then the buttons. */
export function PlayerControls(props: PlayerControlsProps) {
  const { player, status, busy, playing, position, duration, disabled, muted } = props;
  const seekRef = useRef<HTMLInputElement>(null);
  const seek = useSeekBar(seekRef, player, position, props.onSeek);
  const max = seekMax(duration, position);
  const shown = Math.min(seek.value, max);
  const progress = max > 0 ? (shown / max) * 100 : 0;
  const { fullscreen, theatre } = props;
  const roomOff = disabled || props.locked === true;
  const lockedTitle = 'The host has locked the controls';

  return (
    <div className="player-controls">
      <input
        ref={seekRef}
        type="range"
        className="seek-bar"
        data-testid="seek-bar"
        aria-label="Seek (for everyone)"
        aria-valuetext={`${formatDuration(shown)} of ${duration === undefined ? 'unknown length' : formatDuration(duration)}`}
        min={0}
        max={max}
        step={0.1}
        value={shown}
        disabled={roomOff}
        title={props.locked === true ? lockedTitle : undefined}
        style={{ backgroundSize: `${progress}% 100%, 100% 100%` }}
        onChange={(event) => {
          seek.onInput(event.currentTarget.valueAsNumber);
        }}
      />
      <div className="player-controls__readout">
        <span className="time-display">
          {formatDuration(shown)} / {duration === undefined ? '--:--' : formatDuration(duration)}
        </span>
        <span className="player-status" data-testid="player-status" aria-live="polite">
          {busy && <Spinner />}
          {status}
        </span>
      </div>
      <div className="player-controls__row">
        <RoundButton
          icon="previous"
          label="Previous clip"
          title={props.locked === true ? lockedTitle : 'Previous clip for everyone (or swipe down)'}
          testId="previous-clip"
          disabled={roomOff}
          onClick={props.onPrevious}
        />
        <button
          type="button"
          className="control-button control-button--primary"
          data-testid="play-toggle"
          aria-label={playing ? 'Pause' : 'Play'}
          title={
            props.locked === true
              ? lockedTitle
              : playing
                ? 'Pause for everyone (Space)'
                : 'Play for everyone (Space)'
          }
          disabled={roomOff}
          onClick={props.onToggle}
        >
          <Icon name={playing ? 'pause' : 'play'} size={22} />
        </button>
        <RoundButton
          icon="next"
          label="Next clip"
          title={props.locked === true ? lockedTitle : 'Next clip for everyone (N, or swipe up)'}
          testId="next-clip"
          disabled={roomOff}
          onClick={props.onNext}
        />
        <span className="player-controls__spacer" />
        <RoundButton
          icon={muted ? 'muted' : 'volume'}
          label={muted ? 'Unmute' : 'Mute'}
          title={muted ? 'Unmute (M, only you)' : 'Mute (M, only you)'}
          pressed={muted}
          onClick={props.onToggleMute}
        />
        <RoundButton
          icon="resync"
          label="Resync"
          title="Resync: measure the clock again and jump back onto the room’s frame (only you)"
          testId="resync"
          disabled={disabled}
          onClick={props.onResync}
        />
        <span className="player-controls__wide">
          <RoundButton
            icon="keyboard"
            label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            testId="shortcuts-button"
            onClick={props.onHelp}
          />
        </span>
        {theatre && (
          <RoundButton
            icon="theatre"
            label="Theatre mode"
            title="Theatre mode: a bigger player (only you)"
            testId="theatre-toggle"
            pressed={theatre.active}
            onClick={theatre.toggle}
          />
        )}
        {fullscreen && (
          <RoundButton
            icon={fullscreen.active ? 'exit-fullscreen' : 'fullscreen'}
            label={fullscreen.active ? 'Exit fullscreen' : 'Fullscreen'}
            title={fullscreen.active ? 'Exit fullscreen (F)' : 'Fullscreen (F, only you)'}
            testId="fullscreen-toggle"
            onClick={fullscreen.toggle}
          />
        )}
      </div>
    </div>
  );
}
