import type { VideoItem } from '@wt/protocol';
import { CountdownOverlay } from './CountdownOverlay';
import { EndedOverlay } from './EndedOverlay';
import { endedCopy, type StageOverlayKind } from './stage-copy';
import { TapToJoin } from './TapToJoin';
import type { CountdownDisplay } from './useCountdown';

/** The one full-stage overlay of the moment (see `chooseOverlay`). */
export function StageOverlay(props: {
  kind: StageOverlayKind | undefined;
  countdown: CountdownDisplay;
  countdownWaiting: string | undefined;
  needsTap: boolean;
  queue: readonly VideoItem[];
  index: number;
  autoplay: boolean;
  onTap: () => void;
  onReplay: () => void;
  onPlayIndex: (index: number) => void;
}) {
  const { kind, countdown } = props;
  if (kind === 'countdown' && countdown.visible) {
    return (
      <CountdownOverlay
        display={countdown}
        waiting={props.countdownWaiting}
        onTap={props.needsTap ? props.onTap : undefined}
      />
    );
  }
  if (kind === 'tap') return <TapToJoin onTap={props.onTap} />;
  if (kind === 'ended') {
    const copy = endedCopy(props.queue, props.index, props.autoplay);
    const { next } = copy;
    return (
      <EndedOverlay
        title={copy.title}
        hint={copy.hint}
        onReplay={props.onReplay}
        onNext={
          next === undefined
            ? undefined
            : () => {
                props.onPlayIndex(next);
              }
        }
        onFromTop={
          copy.fromTop
            ? () => {
                props.onPlayIndex(0);
              }
            : undefined
        }
      />
    );
  }
  return null;
}
