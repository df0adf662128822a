import { useCallback, useSyncExternalStore, type RefObject } from 'react';

function subscribe(onChange: () => void) {
  document.addEventListener('fullscreenchange', onChange);
  return () => {
    document.removeEventListener('fullscreenchange', onChange);
  };
}

/** Fullscreen for one element (the player): whether it is, and a toggle. Only this screen. */
export function useFullscreen(ref: RefObject<HTMLElement | null>) {
  const active = useSyncExternalStore(
    subscribe,
    () => ref.current !== null && document.fullscreenElement === ref.current,
  );
  const supported = document.fullscreenEnabled;
  const toggle = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    if (document.fullscreenElement === element) {
      void document.exitFullscreen();
      return;
    }
    // Refused (no gesture, an iframe without permission): the player simply stays as it is.
    element.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
  }, [ref]);
  return { active, supported, toggle };
}
