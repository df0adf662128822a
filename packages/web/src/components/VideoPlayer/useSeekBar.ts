import type { PlayerStatePayload } from '@wt/protocol';
import { useEffect, useEffectEvent, useState, type RefObject } from 'react';

interface Preview {
  value: number;
  /** The room state the preview was made against; a newer state replaces it. */
  basis: PlayerStatePayload | undefined;
}

/**
 * A range input that previews while dragged and commits once: on the native `change`
 * event (release, a key press, a programmatic fill), not on every `input`. Until the
 * room's answer arrives the thumb stays where it was dropped.
 */
export function useSeekBar(
  inputRef: RefObject<HTMLInputElement | null>,
  player: PlayerStatePayload | undefined,
  position: number,
  onCommit: (time: number) => void,
) {
  const [preview, setPreview] = useState<Preview | undefined>(undefined);

  const commit = useEffectEvent((value: number) => {
    if (!Number.isFinite(value)) return;
    setPreview({ value, basis: player });
    onCommit(value);
  });

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const onChange = () => {
      commit(input.valueAsNumber);
    };
    input.addEventListener('change', onChange);
    return () => {
      input.removeEventListener('change', onChange);
    };
  }, [inputRef]);

  const previewing = preview !== undefined && preview.basis === player;
  return {
    value: previewing ? preview.value : position,
    dragging: previewing,
    onInput: (value: number) => {
      setPreview({ value, basis: player });
    },
  };
}
