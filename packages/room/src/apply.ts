import { clipEnded } from './advance.js';
import { sendMessage } from './chat.js';
import { join, leave, rename } from './members.js';
import { control, gate, requestCountdown } from './playback.js';
import {
  addVideo,
  changeVideo,
  removeVideo,
  reportDuration,
  retryVideo,
  videoResolved,
} from './queue.js';
import { clearQueue, moveVideo, playNext, shuffleQueue } from './reorder.js';
import { changeSettings } from './settings.js';
import { kick, setCoHost, setLocked, setPassword, transferHost } from './host-actions.js';
import { lockRefusal } from './permissions.js';
import { rolesView, sameRoles } from './roles.js';
import { recountSkipVotes, voteSkip } from './vote-skip.js';
import type { ApplyResult, Command, RoomState } from './types.js';

/**
 * The room's whole behaviour: `(state, command, now) -> {state, effects}`.
 * Pure: no I/O, no clock, no randomness. A refused command leaves the state as it was.
 * Whenever what clients see of the roles changed (a host left, a clip with skip votes
 * moved on...), a `room_roles` effect says so.
 */
export function apply(state: RoomState, command: Command, now: number): ApplyResult {
  const result = lockRefusal(state, command) ?? rule(state, command, now);
  if (!result.ok) return result;
  const roles = rolesView(result.state);
  if (sameRoles(rolesView(state), roles)) return result;
  return { ...result, effects: [...result.effects, { type: 'room_roles', roles }] };
}

function rule(state: RoomState, command: Command, now: number): ApplyResult {
  switch (command.type) {
    case 'join':
      return join(state, command, now);
    case 'leave':
      return recountSkipVotes(leave(state, command.userId, now), now, command.leadMs);
    case 'rename':
      return rename(state, command.userId, command.name, now);
    case 'addVideo':
      return addVideo(state, command.userId, command.url, now);
    case 'videoResolved':
      return videoResolved(state, command.itemId, command.outcome, now, command.leadMs);
    case 'retryVideo':
      return retryVideo(state, command.userId, command.itemId, now);
    case 'removeVideo':
      return removeVideo(state, command.userId, command.index, now, command.leadMs);
    case 'changeVideo':
      return changeVideo(state, command.userId, command.index, now, command.leadMs);
    case 'sendMessage':
      return sendMessage(state, command.userId, command.text, now);
    case 'play':
    case 'seek':
      return control(state, command.userId, command.type, command.time, now, command.leadMs);
    case 'pause':
      return control(state, command.userId, command.type, command.time, now);
    case 'requestCountdown':
      return requestCountdown(state, command.userId, now);
    case 'clipEnded':
      return clipEnded(state, command, now);
    case 'gate':
      return gate(state, command.epoch, command.allReady, now, command.leadMs, command.holdMs);
    case 'reportDuration':
      return reportDuration(state, command.userId, command.itemId, command.duration, now);
    case 'setLoop':
      return changeSettings(state, command.userId, { loop: command.mode }, now);
    case 'setAutoplay':
      return changeSettings(state, command.userId, { autoplay: command.enabled }, now);
    case 'moveVideo':
      return moveVideo(state, command.userId, command.itemId, command.toIndex, now);
    case 'playNext':
      return playNext(state, command.userId, command.itemId, now);
    case 'shuffleQueue':
      return shuffleQueue(state, command.userId, command.randoms, now);
    case 'clearQueue':
      return clearQueue(state, command.userId, command.keepCurrent, now);
    case 'setCoHost':
      return setCoHost(state, command.userId, command.targetId, command.coHost, now);
    case 'setLocked':
      return setLocked(state, command.userId, command.locked, now);
    case 'kick':
      return recountSkipVotes(
        kick(state, command.userId, command.targetId, command.ban, now),
        now,
        command.leadMs,
      );
    case 'transferHost':
      return transferHost(state, command.userId, command.targetId, now);
    case 'setPassword':
      return setPassword(state, command.userId, command.passwordHash, now);
    case 'voteSkip':
      return voteSkip(state, command.userId, now, command.leadMs);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
