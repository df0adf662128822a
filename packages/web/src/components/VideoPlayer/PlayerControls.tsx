import type { PlayerStatePayload } from '@wt/protocol';
import { useRef } from 'react';
import { formatDuration } from '../../lib/format';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { useSeekBar } from './useSeekBar';
import './PlayerControls.css';

export interface PlayerControlsProps {
  player: PlayerStatePayload | undefined;
  status: string;
  busy: boolean;
  playing: boolean;
  position: number;
  duration: number | undefined;
  disabled: boolean;
  muted: boolean;
  countdownDisabled: boolean;
  countdownLabel: { label: string; title: string };
  onToggle: () => void;
  onSeek: (time: number) => void;
  onToggleMute: () => void;
  onResync: () => void;
  onCountdown: () => void;
}

/** When the length is unknown (embed without metadata), the bar still allows a seek. */
function seekMax(duration: number | undefined, position: number): number {
  if (duration !== undefined && duration > 0) return duration;
  return Math.max(60, Math.ceil(position) + 30);
}

export function PlayerControls(props: PlayerControlsProps) {
  const { player, status, busy, playing, position, duration, disabled, muted } = props;
  const seekRef = useRef<HTMLInputElement>(null);
  const seek = useSeekBar(seekRef, player, position, props.onSeek);
  const max = seekMax(duration, position);
  const shown = Math.min(seek.value, max);
  const progress = max > 0 ? (shown / max) * 100 : 0;

  return (
    <div className="player-controls">
      <button
        type="button"
        className="control-button control-button--primary"
        data-testid="play-toggle"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause for everyone' : 'Play for everyone'}
        disabled={disabled}
        onClick={props.onToggle}
      >
        <Icon name={playing ? 'pause' : 'play'} size={22} />
      </button>
      <div className="seek">
        <input
          ref={seekRef}
          type="range"
          className="seek-bar"
          data-testid="seek-bar"
          aria-label="Seek"
          min={0}
          max={max}
          step={0.1}
          value={shown}
          disabled={disabled}
          style={{ backgroundSize: `${progress}% 100%, 100% 100%` }}
          onChange={(event) => {
            seek.onInput(event.currentTarget.valueAsNumber);
          }}
        />
        <div className="seek-meta">
          <span className="player-status" data-testid="player-status" aria-live="polite">
            {busy && <Spinner />}
            {status}
          </span>
          <span className="time-display">
            {formatDuration(shown)} / {duration === undefined ? '--:--' : formatDuration(duration)}
          </span>
        </div>
      </div>
      <button
        type="button"
        className="control-button"
        aria-label={muted ? 'Unmute' : 'Mute'}
        aria-pressed={muted}
        title={muted ? 'Unmute (only you)' : 'Mute (only you)'}
        onClick={props.onToggleMute}
      >
        <Icon name={muted ? 'muted' : 'volume'} />
      </button>
      <button
        type="button"
        className="control-button"
        data-testid="resync"
        aria-label="Resync"
        title="Resync: measure the clock again and jump back onto the room’s frame (only you)"
        disabled={disabled}
        onClick={props.onResync}
      >
        <Icon name="resync" />
      </button>
      <button
        type="button"
        className="countdown-button"
        data-testid="countdown-button"
        title={props.countdownLabel.title}
        disabled={props.countdownDisabled}
        onClick={props.onCountdown}
      >
        {props.countdownLabel.label}
      </button>
    </div>
  );
}
