import { ErrorCode } from '@wt/protocol';
import { findMember } from './members.js';
import { fail } from './result.js';
import { isHostOrCoHost } from './roles.js';
import type { ApplyResult, Command, RoomState } from './types.js';

/** Playback and queue controls: what a lock keeps for the host and co-hosts. */
const LOCKABLE: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'addVideo',
  'retryVideo',
  'removeVideo',
  'changeVideo',
  'play',
  'pause',
  'seek',
  'requestCountdown',
  'setLoop',
  'setAutoplay',
  'moveVideo',
  'playNext',
  'shuffleQueue',
  'clearQueue',
]);

export function isLockable(type: Command['type']): boolean {
  return LOCKABLE.has(type);
}

/**
 * `FORBIDDEN` for a member's playback or queue control while the host has locked them;
 * undefined when the command may go on (a non-member is refused by the rule itself).
 */
export function lockRefusal(state: RoomState, command: Command): ApplyResult | undefined {
  if (!state.roles.locked || !LOCKABLE.has(command.type) || !('userId' in command)) {
    return undefined;
  }
  const { userId } = command;
  if (!findMember(state, userId) || isHostOrCoHost(state, userId)) return undefined;
  return fail(ErrorCode.FORBIDDEN, 'The host has locked the controls. You can vote to skip.');
}
