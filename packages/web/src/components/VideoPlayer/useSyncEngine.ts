import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createVideoPair } from '../../lib/sync/dom-video';
import { SyncEngine, type EngineRoom } from '../../lib/sync/engine';
import type { RoomClient } from '../../state/room-client';
import type { RoomView } from '../../state/room-reducer';

function engineRoom(view: RoomView, last: EngineRoom | undefined): EngineRoom {
  if (
    last &&
    last.player === view.player &&
    last.queue === view.queue &&
    last.index === view.currentVideoIndex
  ) {
    return last;
  }
  return { player: view.player, queue: view.queue, index: view.currentVideoIndex };
}

/**
 * The page's sync engine and its two `<video>` elements, mounted into `hostRef`. The
 * engine follows the room client's store directly (not through React renders), so a
 * `room_state` puts the media's `src` in place the moment it arrives.
 */
export function useSyncEngine(client: RoomClient, muted: boolean) {
  const [pair] = useState(() => createVideoPair());
  const [engine] = useState(
    () => new SyncEngine({ clock: client.clock, slots: pair.slots, reports: client.reports }),
  );
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (host) host.append(...pair.elements);
    let fed: EngineRoom | undefined;
    const feed = () => {
      const room = engineRoom(client.getSnapshot(), fed);
      if (room === fed) return;
      fed = room;
      engine.setRoom(room);
    };
    engine.start();
    feed();
    const unsubscribe = client.subscribe(feed);
    return () => {
      unsubscribe();
      engine.stop();
      for (const element of pair.elements) element.remove();
    };
  }, [client, engine, pair]);

  useEffect(() => {
    engine.setMuted(muted);
  }, [engine, muted]);

  const snapshot = useSyncExternalStore(engine.subscribe, engine.getSnapshot);
  return { engine, snapshot, hostRef };
}
