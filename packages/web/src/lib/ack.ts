import {
  ErrorCode,
  protocolError,
  type Ack,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type OutboundPayloadInput,
} from '@wt/protocol';
import type { RoomSocket } from './socket';

export const ACK_TIMEOUT_MS = 8_000;

/**
 * Emits `event` and resolves with the server's acknowledgement. Never rejects: a
 * timeout or a disconnected socket becomes `{ok: false, error}` like any refusal, so
 * callers only ever show `error.message`.
 */
export function emitWithAck<E extends InboundEvent>(
  socket: RoomSocket,
  event: E,
  payload: OutboundPayloadInput<E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<AckResponse<AckResults[E]>> {
  if (!socket.connected) {
    return Promise.resolve({
      ok: false,
      error: protocolError(ErrorCode.TIMEOUT, 'Not connected to the server. Trying again…'),
    });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({
        ok: false,
        error: protocolError(ErrorCode.TIMEOUT, 'The server did not answer in time. Try again.'),
      });
    }, timeoutMs);
    const emit: AckEmitters[E] = emitters(socket)[event];
    emit(payload, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
  });
}

/** One sender per event, so a generic `E` keeps its payload and acknowledgement types. */
type AckEmitters = {
  [E in InboundEvent]: (payload: OutboundPayloadInput<E>, ack: Ack<AckResults[E]>) => void;
};

function emitters(socket: RoomSocket): AckEmitters {
  return {
    join_room: (payload, ack) => socket.emit('join_room', payload, ack),
    add_video: (payload, ack) => socket.emit('add_video', payload, ack),
    remove_video: (payload, ack) => socket.emit('remove_video', payload, ack),
    change_video: (payload, ack) => socket.emit('change_video', payload, ack),
    send_message: (payload, ack) => socket.emit('send_message', payload, ack),
    player_play: (payload, ack) => socket.emit('player_play', payload, ack),
    player_pause: (payload, ack) => socket.emit('player_pause', payload, ack),
    player_seek: (payload, ack) => socket.emit('player_seek', payload, ack),
    request_countdown: (payload, ack) => socket.emit('request_countdown', payload, ack),
    set_name: (payload, ack) => socket.emit('set_name', payload, ack),
    retry_video: (payload, ack) => socket.emit('retry_video', payload, ack),
    time_sync: (payload, ack) => socket.emit('time_sync', payload, ack),
    video_ended: (payload, ack) => socket.emit('video_ended', payload, ack),
    media_duration: (payload, ack) => socket.emit('media_duration', payload, ack),
    sync_report: (payload, ack) => socket.emit('sync_report', payload, ack),
    set_loop: (payload, ack) => socket.emit('set_loop', payload, ack),
    set_autoplay: (payload, ack) => socket.emit('set_autoplay', payload, ack),
    send_reaction: (payload, ack) => socket.emit('send_reaction', payload, ack),
    move_video: (payload, ack) => socket.emit('move_video', payload, ack),
    play_next: (payload, ack) => socket.emit('play_next', payload, ack),
    shuffle_queue: (payload, ack) => socket.emit('shuffle_queue', payload, ack),
    clear_queue: (payload, ack) => socket.emit('clear_queue', payload, ack),
    set_co_host: (payload, ack) => socket.emit('set_co_host', payload, ack),
    set_locked: (payload, ack) => socket.emit('set_locked', payload, ack),
    kick_member: (payload, ack) => socket.emit('kick_member', payload, ack),
    transfer_host: (payload, ack) => socket.emit('transfer_host', payload, ack),
    set_password: (payload, ack) => socket.emit('set_password', payload, ack),
    vote_skip: (payload, ack) => socket.emit('vote_skip', payload, ack),
  };
}
