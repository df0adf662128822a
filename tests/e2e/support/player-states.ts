import type { PlayerStatePayload } from '@wt/protocol';
import type { Page } from 'playwright-core';

export function isPlayerState(value: unknown): value is PlayerStatePayload {
  if (typeof value !== 'object' || value === null) return false;
  return (
    typeof Reflect.get(value, 'playing') === 'boolean' &&
    typeof Reflect.get(value, 'updatedAt') === 'number' &&
    typeof Reflect.get(value, 'epoch') === 'number'
  );
}

/**
 * The player states one event packet carries: a `player_state` (protocols 1-2), or the
 * `player_state` changes of a `room_delta` or of each envelope of a `room_deltas`
 * (protocol 3, what the app speaks).
 */
export function playerStatesOf(name: unknown, data: unknown): PlayerStatePayload[] {
  if (name === 'player_state') return isPlayerState(data) ? [data] : [];
  if (name === 'room_deltas' && Array.isArray(data)) {
    const envelopes: unknown[] = data;
    return envelopes.flatMap((envelope) => playerStatesOf('room_delta', envelope));
  }
  if (name !== 'room_delta' || typeof data !== 'object' || data === null) return [];
  const changes: unknown = Reflect.get(data, 'changes');
  if (!Array.isArray(changes)) return [];
  const list: unknown[] = changes;
  const states: PlayerStatePayload[] = [];
  for (const change of list) {
    if (typeof change !== 'object' || change === null) continue;
    if (Reflect.get(change, 'kind') !== 'player_state') continue;
    const state: unknown = Reflect.get(change, 'state');
    if (isPlayerState(state)) states.push(state);
  }
  return states;
}

/**
 * Every `player_state` the page receives, read off its WebSocket frames (Socket.io
 * event packets are `42["name", payload, ...]`), without touching the app.
 */
export function watchPlayerStates(page: Page): PlayerStatePayload[] {
  const states: PlayerStatePayload[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.startsWith('42')) return;
      let packet: unknown;
      try {
        packet = JSON.parse(payload.slice(2));
      } catch {
        return; // Not an event packet after all: nothing to record.
      }
      if (!Array.isArray(packet)) return;
      const name: unknown = packet[0];
      const data: unknown = packet[1];
      states.push(...playerStatesOf(name, data));
    });
  });
  return states;
}
