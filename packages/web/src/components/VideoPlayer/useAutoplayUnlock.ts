import { useEffect, useMemo, useState } from 'react';

function hasBeenActive(): boolean {
  return 'userActivation' in navigator && navigator.userActivation.hasBeenActive;
}

export interface AutoplayUnlock {
  /** Show the "tap to join" overlay. */
  needsTap: boolean;
  /** `play()` was refused by the browser's autoplay policy. */
  markBlocked: () => void;
  /** Media really plays: whatever we feared, autoplay works. */
  markPlaying: () => void;
  /** The overlay was tapped. */
  unlock: () => void;
}

/**
 * Browsers refuse to start media with sound before the person has interacted with
 * the page. Until the first gesture anywhere on the page, or after a refused
 * `play()`, the player shows a "tap to join" overlay instead of a silently stuck video.
 */
export function useAutoplayUnlock(): AutoplayUnlock {
  const [activated, setActivated] = useState(hasBeenActive);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    if (activated) return;
    const onGesture = () => {
      setActivated(true);
    };
    const options = { capture: true, once: true } as const;
    window.addEventListener('pointerdown', onGesture, options);
    window.addEventListener('keydown', onGesture, options);
    return () => {
      window.removeEventListener('pointerdown', onGesture, options);
      window.removeEventListener('keydown', onGesture, options);
    };
  }, [activated]);

  const actions = useMemo(
    () => ({
      markBlocked: () => {
        setBlocked(true);
      },
      markPlaying: () => {
        setBlocked(false);
        setActivated(true);
      },
      unlock: () => {
        setBlocked(false);
        setActivated(true);
      },
    }),
    [],
  );
  return { needsTap: blocked || !activated, ...actions };
}
