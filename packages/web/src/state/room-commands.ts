import {
  Limits,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type LoopMode,
  type OutboundPayloadInput,
} from '@wt/protocol';

/** What a command resolves to: the server's acknowledgement (never a rejection). */
export type CommandResult<E extends InboundEvent> = Promise<AckResponse<AckResults[E]>>;

/**
 * The room's plain commands, each one acknowledged request for this room. How a request
 * goes out (and when it is refused before it does) is the session's: `RoomClient`.
 */
export abstract class RoomCommands {
  abstract readonly roomId: string;

  protected abstract request<E extends InboundEvent>(
    event: E,
    payload: OutboundPayloadInput<E>,
  ): CommandResult<E>;

  setLocked(locked: boolean): CommandResult<'set_locked'> {
    return this.request('set_locked', { roomId: this.roomId, locked });
  }

  setCoHost(userId: string, coHost: boolean): CommandResult<'set_co_host'> {
    return this.request('set_co_host', { roomId: this.roomId, userId, coHost });
  }

  kick(userId: string, ban: boolean): CommandResult<'kick_member'> {
    return this.request('kick_member', { roomId: this.roomId, userId, ban });
  }

  transferHost(userId: string): CommandResult<'transfer_host'> {
    return this.request('transfer_host', { roomId: this.roomId, userId });
  }

  /** Sets the room's password, or clears it (`null`). */
  setPassword(password: string | null): CommandResult<'set_password'> {
    return this.request('set_password', { roomId: this.roomId, password });
  }

  voteSkip(): CommandResult<'vote_skip'> {
    return this.request('vote_skip', { roomId: this.roomId });
  }

  addVideo(url: string): CommandResult<'add_video'> {
    return this.request('add_video', { roomId: this.roomId, video: { url } });
  }

  removeVideo(index: number): CommandResult<'remove_video'> {
    return this.request('remove_video', { roomId: this.roomId, index });
  }

  changeVideo(index: number): CommandResult<'change_video'> {
    return this.request('change_video', { roomId: this.roomId, index });
  }

  /** Moves the entry `itemId` so that it ends up at `toIndex`. */
  moveVideo(itemId: number, toIndex: number): CommandResult<'move_video'> {
    return this.request('move_video', { roomId: this.roomId, itemId, toIndex });
  }

  playNext(itemId: number): CommandResult<'play_next'> {
    return this.request('play_next', { roomId: this.roomId, itemId });
  }

  shuffleQueue(): CommandResult<'shuffle_queue'> {
    return this.request('shuffle_queue', { roomId: this.roomId });
  }

  clearQueue(keepCurrent: boolean): CommandResult<'clear_queue'> {
    return this.request('clear_queue', { roomId: this.roomId, keepCurrent });
  }

  retryVideo(id: number): CommandResult<'retry_video'> {
    return this.request('retry_video', { roomId: this.roomId, id });
  }

  sendMessage(text: string): CommandResult<'send_message'> {
    return this.request('send_message', { roomId: this.roomId, message: text });
  }

  play(time: number): CommandResult<'player_play'> {
    return this.request('player_play', { roomId: this.roomId, time: clampTime(time) });
  }

  pause(time: number): CommandResult<'player_pause'> {
    return this.request('player_pause', { roomId: this.roomId, time: clampTime(time) });
  }

  seek(time: number): CommandResult<'player_seek'> {
    return this.request('player_seek', { roomId: this.roomId, time: clampTime(time) });
  }

  requestCountdown(): CommandResult<'request_countdown'> {
    return this.request('request_countdown', { roomId: this.roomId });
  }

  setLoop(mode: LoopMode): CommandResult<'set_loop'> {
    return this.request('set_loop', { roomId: this.roomId, mode });
  }

  setAutoplay(enabled: boolean): CommandResult<'set_autoplay'> {
    return this.request('set_autoplay', { roomId: this.roomId, enabled });
  }
}

/** A time in a clip as the protocol accepts it (finite, 0 to the longest clip). */
export function clampTime(time: number): number {
  return Number.isFinite(time) ? Math.min(Math.max(0, time), Limits.maxTimeSeconds) : 0;
}
