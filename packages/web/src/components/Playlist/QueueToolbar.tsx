import type { LoopMode } from '@wt/protocol';
import { useState } from 'react';
import { QueueIcon } from './QueueIcon';

const LOOP_CHOICES: { mode: LoopMode; label: string; title: string }[] = [
  { mode: 'off', label: 'Off', title: 'Stop at the end of the queue' },
  { mode: 'one', label: 'Clip', title: 'Repeat the clip playing now' },
  { mode: 'all', label: 'Queue', title: 'Start the queue again after its last clip' },
];

export interface QueueToolbarProps {
  count: number;
  loop: LoopMode;
  autoplay: boolean;
  onShuffle: () => void;
  /** `keepCurrent`: keep the clip playing now. */
  onClear: (keepCurrent: boolean) => void;
  onLoop: (mode: LoopMode) => void;
  onAutoplay: (enabled: boolean) => void;
}

/**
 * Room-wide queue controls: loop off / clip / queue, autoplay next, shuffle and clear.
 * Clearing asks first; what it keeps is said on the button (the clip playing now stays
 * unless "Clear everything" is chosen).
 */
export function QueueToolbar(props: QueueToolbarProps) {
  const [confirming, setConfirming] = useState(false);
  const { count, loop, autoplay } = props;
  return (
    <div className="queue-toolbar">
      <div className="queue-toolbar__row">
        <fieldset className="segmented" data-testid="loop-choice">
          <legend>Loop</legend>
          {LOOP_CHOICES.map((choice) => (
            <label key={choice.mode} title={choice.title}>
              <input
                type="radio"
                name="queue-loop"
                value={choice.mode}
                data-testid={`loop-${choice.mode}`}
                checked={loop === choice.mode}
                onChange={() => {
                  props.onLoop(choice.mode);
                }}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </fieldset>
        <label className="switch" title="Move on to the next clip by itself (for everyone)">
          <input
            type="checkbox"
            role="switch"
            data-testid="autoplay-switch"
            checked={autoplay}
            onChange={(event) => {
              props.onAutoplay(event.currentTarget.checked);
            }}
          />
          <span className="switch__track" aria-hidden="true" />
          Autoplay next
        </label>
      </div>
      <div className="queue-toolbar__row">
        <button
          type="button"
          className="pill-button"
          data-testid="shuffle-queue"
          disabled={count < 3}
          title="Shuffle: the clip playing now stays, the rest get a random order"
          onClick={props.onShuffle}
        >
          <QueueIcon name="shuffle" size={16} /> Shuffle
        </button>
        {!confirming ? (
          <button
            type="button"
            className="pill-button"
            data-testid="clear-queue"
            disabled={count === 0}
            onClick={() => {
              setConfirming(true);
            }}
          >
            <QueueIcon name="trash" size={16} /> Clear
          </button>
        ) : (
          <div className="queue-toolbar__confirm" role="group" aria-label="Clear the queue?">
            <button
              type="button"
              className="pill-button pill-button--accent"
              data-testid="clear-rest"
              onClick={() => {
                setConfirming(false);
                props.onClear(true);
              }}
            >
              Clear all but the current clip
            </button>
            <button
              type="button"
              className="pill-button"
              data-testid="clear-all"
              onClick={() => {
                setConfirming(false);
                props.onClear(false);
              }}
            >
              Clear everything
            </button>
            <button
              type="button"
              className="pill-button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
