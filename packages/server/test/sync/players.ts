import type { PlayerStatePayload, RoomDelta, VideoItem } from '@wt/protocol';
import { makeClips } from '../fake-tiktok/clips.js';
import { collect, joinAs, next, type TestSocket } from '../support/client.js';
import type { TestServer } from '../support/server.js';

export const clipUrl = (id: string): string => `https://www.tiktok.com/@fake.creator/video/${id}`;

/** Two short clips (1.5 s and 2 s) for the fake origin. */
export function shortClips() {
  return makeClips([1.5, 2]);
}

/**
 * A client of protocol 2 or 3 that behaves like a prepared player: it reports readiness
 * for every scheduled start and that it has buffered every announced next clip, at once.
 */
export function actAsPlayer(socket: TestSocket, roomId: string): void {
  const prepared = (state: PlayerStatePayload) => {
    if (!socket.connected) return;
    const report = {
      roomId,
      readyEpoch: state.epoch,
      ...(state.next ? { preloadedItemId: state.next.itemId } : {}),
    };
    // The ack carries nothing a prepared player needs.
    socket.emit('sync_report', report, () => undefined);
  };
  socket.on('player_state', prepared);
  const changed = (delta: RoomDelta) => {
    for (const change of delta.changes) if (change.kind === 'player_state') prepared(change.state);
  };
  socket.on('room_delta', changed);
  socket.on('room_deltas', (deltas) => {
    for (const delta of deltas) changed(delta);
  });
}

export interface Party {
  sockets: TestSocket[];
  /** Each member's public id, as the server gave it (in the order of `names`). */
  userIds: string[];
  queue: VideoItem[];
  states: PlayerStatePayload[][];
  indexes: number[][];
}

/** `names` join `roomId`; the first adds the clips; resolves once every clip is playable. */
export async function startParty(
  server: TestServer,
  roomId: string,
  names: readonly string[],
  clipIds: readonly string[],
): Promise<Party> {
  const sockets: TestSocket[] = [];
  const userIds: string[] = [];
  for (const name of names) {
    const { socket, ack } = await joinAs(server.url, roomId, `${name.toLowerCase()}-id`, name);
    sockets.push(socket);
    userIds.push(ack.user.id);
  }
  const [first] = sockets;
  if (!first) throw new Error('a party needs someone');
  let queue: VideoItem[] = [];
  const resolved = new Promise<void>((resolve) => {
    first.on('update_queue', (items: VideoItem[]) => {
      queue = items;
      if (items.length === clipIds.length && items.every((item) => item.mp4Url !== undefined)) {
        resolve();
      }
    });
  });
  for (const id of clipIds) {
    const ack = await first.emitWithAck('add_video', { roomId, video: { url: clipUrl(id) } });
    if (!ack.ok) throw new Error(ack.error.message);
  }
  await resolved;
  return {
    sockets,
    userIds,
    queue,
    states: sockets.map((socket) => collect(socket, 'player_state')),
    indexes: sockets.map((socket) => collect(socket, 'update_index')),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The next `player_state` that satisfies `predicate`. */
export function nextState(
  socket: TestSocket,
  predicate: (state: PlayerStatePayload) => boolean,
  timeoutMs = 5_000,
): Promise<PlayerStatePayload> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('player_state', listener);
      reject(new Error('timed out waiting for a matching player_state'));
    }, timeoutMs);
    const listener = (state: PlayerStatePayload): void => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      socket.off('player_state', listener);
      resolve(state);
    };
    socket.on('player_state', listener);
  });
}

export { next };
