import { sendMessage } from './chat.js';
import { join, leave, rename } from './members.js';
import { control, requestCountdown } from './playback.js';
import { addVideo, changeVideo, removeVideo, retryVideo, videoResolved } from './queue.js';
import type { ApplyResult, Command, RoomState } from './types.js';

/**
 * The room's whole behaviour: `(state, command, now) -> {state, effects}`.
 * Pure: no I/O, no clock, no randomness. A refused command leaves the state as it was.
 */
export function apply(state: RoomState, command: Command, now: number): ApplyResult {
  switch (command.type) {
    case 'join':
      return join(state, command.userId, command.name, now);
    case 'leave':
      return leave(state, command.userId, now);
    case 'rename':
      return rename(state, command.userId, command.name, now);
    case 'addVideo':
      return addVideo(state, command.userId, command.url, now);
    case 'videoResolved':
      return videoResolved(state, command.itemId, command.outcome, now);
    case 'retryVideo':
      return retryVideo(state, command.userId, command.itemId, now);
    case 'removeVideo':
      return removeVideo(state, command.userId, command.index, now);
    case 'changeVideo':
      return changeVideo(state, command.userId, command.index, now);
    case 'sendMessage':
      return sendMessage(state, command.userId, command.text, now);
    case 'play':
    case 'pause':
    case 'seek':
      return control(state, command.userId, command.type, command.time, now);
    case 'requestCountdown':
      return requestCountdown(state, command.userId, now);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
