import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { RoomClient } from '../../state/room-client';
import { pagePlayer } from './page-player';

/**
 * The page's sync engine (made before the first render, see `pagePlayer`) with its two
 * `<video>` elements mounted into `hostRef`.
 */
export function useSyncEngine(client: RoomClient, muted: boolean) {
  const { engine, elements } = pagePlayer(client);
  const hostRef = useRef<HTMLDivElement>(null);

  // In the commit that makes the stage (a layout effect): a passive effect runs only after
  // the next frame under Preact, and the first paint of a busy page can take hundreds of ms,
  // all of which a newcomer would wait to see the clip that is already loading.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (host) host.append(...elements);
    engine.start();
    return () => {
      engine.stop();
      for (const element of elements) element.remove();
    };
  }, [engine, elements]);

  useEffect(() => {
    engine.setMuted(muted);
  }, [engine, muted]);

  const snapshot = useSyncExternalStore(engine.subscribe, engine.getSnapshot);
  return { engine, snapshot, hostRef, elements };
}
