import { AudioGrid } from '../../lib/sync/audio-grid';
import { createVideoPair } from '../../lib/sync/dom-video';
import { SyncEngine, type EngineRoom } from '../../lib/sync/engine';
import { loadStartLatency, saveStartLatency } from '../../lib/start-latency-memory';
import type { RoomClient } from '../../state/room-client';
import type { RoomView } from '../../state/room-reducer';

/** The sync engine of one room session and its two `<video>` elements (not yet in the page). */
export interface PagePlayer {
  engine: SyncEngine;
  elements: readonly HTMLVideoElement[];
}

const players = new WeakMap<RoomClient, PagePlayer>();

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
 * The session's player, made, started and fed on the first call (`main.tsx` calls it
 * before React's first render): the engine follows the room client's store directly, so
 * the clip of the page's snapshot, then of `room_state`, loads the moment it is known,
 * not after a render. The elements join the page when the stage mounts
 * (`useSyncEngine`); a detached `<video>` loads all the same.
 */
export function pagePlayer(client: RoomClient): PagePlayer {
  const known = players.get(client);
  if (known) return known;
  const pair = createVideoPair();
  const engine = new SyncEngine({
    clock: client.clock,
    slots: pair.slots,
    reports: client.reports,
    latencyMemory: { load: loadStartLatency, save: saveStartLatency },
    audioGrid: new AudioGrid(() => performance.now()),
  });
  const player: PagePlayer = { engine, elements: pair.elements };
  players.set(client, player);
  let fed: EngineRoom | undefined;
  const feed = () => {
    const room = engineRoom(client.getSnapshot(), fed);
    if (room === fed) return;
    fed = room;
    engine.setRoom(room);
  };
  // For the page's lifetime, as the session itself.
  client.subscribe(feed);
  engine.start();
  feed();
  return player;
}
