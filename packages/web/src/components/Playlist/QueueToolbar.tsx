import type { LoopMode } from '@wt/protocol';

const LOOP_CHOICES: { mode: LoopMode; label: string; title: string }[] = [
  { mode: 'off', label: 'Off', title: 'Stop at the end of the queue' },
  { mode: 'one', label: 'Clip', title: 'Repeat the clip playing now' },
  { mode: 'all', label: 'Queue', title: 'Start the queue again after its last clip' },
];

export interface QueueToolbarProps {
  loop: LoopMode;
  autoplay: boolean;
  onLoop: (mode: LoopMode) => void;
  onAutoplay: (enabled: boolean) => void;
}

/** What happens at the end of a clip, for everyone: loop off / clip / queue, autoplay next. */
export function QueueToolbar(props: QueueToolbarProps) {
  const { loop, autoplay } = props;
  return (
    <div className="queue-toolbar">
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
      <label className="switch" title="Autoplay: move on to the next clip by itself (for everyone)">
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
        Autoplay
      </label>
    </div>
  );
}
