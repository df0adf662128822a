import type { PlayerStatePayload } from '@wt/protocol';
import type { Page } from 'playwright-core';

function isPlayerState(value: unknown): value is PlayerStatePayload {
  if (typeof value !== 'object' || value === null) return false;
  return (
    typeof Reflect.get(value, 'playing') === 'boolean' &&
    typeof Reflect.get(value, 'updatedAt') === 'number' &&
    typeof Reflect.get(value, 'epoch') === 'number'
  );
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
      if (name === 'player_state' && isPlayerState(data)) states.push(data);
    });
  });
  return states;
}
