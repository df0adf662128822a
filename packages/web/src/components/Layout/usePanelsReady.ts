import { useEffect, useState } from 'react';
import type { SyncStatus } from '@wt/protocol';
import type { SyncEngine } from '../../lib/sync/engine';

/** The player is still getting onto the room's frame: loading, or landing its start. */
const LANDING: ReadonlySet<SyncStatus | undefined> = new Set(['buffering', 'catching_up']);

const landing = (engine: SyncEngine): boolean => {
  const snapshot = engine.getSnapshot();
  return snapshot.landing || LANDING.has(snapshot.status);
};

/** The longest the panels wait for the clip to land (ms). */
export const PANELS_WAIT_MS = 2_500;

/**
 * Whether the side panels (queue, chat, people) may render yet. A late joiner's first
 * seconds are its clip's: on a busy phone, rendering the queue and the chat history is
 * a few hundred ms of main thread, and a clip whose start waits behind it starts late and
 * then needs correcting, and a correction pulse that ends late overshoots. So a page that
 * opens on a playing room renders its panels once its clip has landed, its first
 * corrections done (or after `PANELS_WAIT_MS`); with nothing to land they render at once.
 */
export function usePanelsReady(engine: SyncEngine): boolean {
  const [ready, setReady] = useState(() => !landing(engine));
  useEffect(() => {
    if (ready) return;
    const show = () => {
      setReady(true);
    };
    const timer = setTimeout(show, PANELS_WAIT_MS);
    const unsubscribe = engine.subscribe(() => {
      if (!landing(engine)) show();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [engine, ready]);
  return ready;
}
