import { ErrorCode, type LoopMode } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import type { ApplyResult, RoomState } from './types.js';

type Settings = Pick<RoomState, 'loop' | 'autoplay'>;

const loopWords: Record<LoopMode, string> = {
  off: 'turned looping off',
  one: 'set this clip to loop',
  all: 'set the queue to loop',
};

function describe(change: Partial<Settings>): string {
  if (change.loop !== undefined) return loopWords[change.loop];
  return `turned autoplay ${change.autoplay === true ? 'on' : 'off'}`;
}

/**
 * Loop mode (what follows the end of a clip) and autoplay-next (whether the room moves on
 * by itself). Everyone's `player_state.next` changes with them, and everyone is told who
 * changed them.
 */
export function changeSettings(
  state: RoomState,
  userId: string,
  change: Partial<Settings>,
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const next: RoomState = { ...state, ...change };
  if (next.loop === state.loop && next.autoplay === state.autoplay) {
    return ok(state, [], { type: 'settings', loop: state.loop, autoplay: state.autoplay });
  }
  const text = `${member.name} ${describe(change)}`;
  const [announced, line] = systemLine({ ...next, lastActivity: now }, text, now);
  return ok(announced, [{ type: 'player_state', state: playerStateOf(announced, now) }, line], {
    type: 'settings',
    loop: announced.loop,
    autoplay: announced.autoplay,
  });
}
