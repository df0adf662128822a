import type { Reaction } from '@wt/protocol';
import type { RoomSocket } from '../lib/socket';
import type { DeltaStream } from './delta-stream';
import type { RoomAction } from './room-reducer';

/** Where the room's broadcasts go. */
export interface RoomEventSinks {
  readonly dispatch: (action: RoomAction) => void;
  /** The room's changes, applied in revision order. */
  readonly deltas: DeltaStream;
  /** The server's clock now (ms): a countdown is timed from its arrival. */
  serverNow(): number;
  reaction(reaction: Reaction): void;
}

/**
 * The room's broadcasts, each turned into a reducer action (or a delta, or a reaction).
 * The connection's own life (connect, drops, session, removal) is the session's.
 */
export function forwardRoomEvents(socket: RoomSocket, sinks: RoomEventSinks): void {
  const { dispatch, deltas } = sinks;
  socket.on('room_state', (room) => {
    dispatch({ type: 'room_state', room });
  });
  socket.on('update_queue', (queue) => {
    dispatch({ type: 'update_queue', queue });
  });
  socket.on('update_index', (index) => {
    dispatch({ type: 'update_index', index });
  });
  socket.on('new_message', (message) => {
    dispatch({ type: 'new_message', message });
  });
  socket.on('system_message', (message) => {
    dispatch({ type: 'system_message', message });
  });
  socket.on('player_state', (state) => {
    dispatch({ type: 'player_state', state });
  });
  socket.on('start_countdown', (seconds) => {
    dispatch({ type: 'start_countdown', seconds, serverNow: sinks.serverNow() });
  });
  socket.on('room_users', (users) => {
    dispatch({ type: 'room_users', users });
  });
  socket.on('room_users_count', (count) => {
    dispatch({ type: 'room_users_count', count });
  });
  socket.on('sync_members', (members) => {
    dispatch({ type: 'sync_members', members });
  });
  socket.on('room_delta', (delta) => {
    deltas.receive(delta);
  });
  socket.on('room_deltas', (batch) => {
    for (const delta of batch) deltas.receive(delta);
  });
  socket.on('service_status', (status) => {
    dispatch({ type: 'service_status', status });
  });
  socket.on('reaction', (reaction) => {
    sinks.reaction(reaction);
  });
  socket.on('room_roles', (roles) => {
    dispatch({ type: 'roles', roles });
  });
}
