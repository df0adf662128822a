import type { LoopMode } from '@wt/protocol';
import { Icon } from '../common/Icon';

const NEXT_LOOP: Record<LoopMode, LoopMode> = { off: 'all', all: 'one', one: 'off' };
const LOOP_LABEL: Record<LoopMode, string> = {
  off: 'Loop off',
  all: 'Loop queue',
  one: 'Loop clip',
};

/** Two small room-wide switches: what happens at the end of a clip. */
export function PlaybackModes({
  loop,
  autoplay,
  onLoop,
  onAutoplay,
}: {
  loop: LoopMode;
  autoplay: boolean;
  onLoop: (mode: LoopMode) => void;
  onAutoplay: (enabled: boolean) => void;
}) {
  return (
    <div className="playback-modes" role="group" aria-label="At the end of a clip">
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
    </div>
  );
}
