import type { LoopMode } from '@wt/protocol';
import { Icon } from '../common/Icon';

const NEXT_LOOP: Record<LoopMode, LoopMode> = { off: 'all', all: 'one', one: 'off' };
const LOOP_LABEL: Record<LoopMode, string> = {
  off: 'Loop off',
  all: 'Loop queue',
  one: 'Loop clip',
};

/**
 * The room-wide switches over the clip: what happens at the end of a clip (loop,
 * autoplay), and the countdown start.
 */
export function PlaybackModes({
  loop,
  autoplay,
  onLoop,
  onAutoplay,
  countdown,
}: {
  loop: LoopMode;
  autoplay: boolean;
  onLoop: (mode: LoopMode) => void;
  onAutoplay: (enabled: boolean) => void;
  countdown: { label: string; title: string; disabled: boolean; onStart: () => void };
}) {
  return (
    <div className="playback-modes" role="group" aria-label="Room settings">
      <button
        type="button"
        className={loop === 'off' ? 'mode-chip' : 'mode-chip mode-chip--on'}
        data-testid="loop-mode"
        title="Loop: off, the whole queue, or this clip (for everyone)"
        onClick={() => {
          onLoop(NEXT_LOOP[loop]);
        }}
      >
        <Icon name="loop" size={15} />
        {LOOP_LABEL[loop]}
      </button>
      <button
        type="button"
        className={autoplay ? 'mode-chip mode-chip--on' : 'mode-chip'}
        data-testid="autoplay-toggle"
        aria-pressed={autoplay}
        title="Autoplay: move on to the next clip by itself (for everyone)"
        onClick={() => {
          onAutoplay(!autoplay);
        }}
      >
        <Icon name="next" size={15} />
        Autoplay {autoplay ? 'on' : 'off'}
      </button>
      <button
        type="button"
        className="countdown-button"
        data-testid="countdown-button"
        title={countdown.title}
        disabled={countdown.disabled}
        onClick={countdown.onStart}
      >
        {countdown.label}
      </button>
    </div>
  );
}
