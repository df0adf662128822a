import { ErrorCode, type LoopMode } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import type { ApplyResult, RoomState } from './types.js';

const loopWords: Record<LoopMode, string> = {
  off: 'turned looping off',
  one: 'set this clip to loop',
  all: 'set the queue to loop',
};

function changed(state: RoomState, next: RoomState, text: string, now: number): ApplyResult {
  const [announced, line] = systemLine({ ...next, lastActivity: now }, text, now);
  return ok(announced, [{ type: 'player_state', state: playerStateOf(announced, now) }, line], {
    type: 'settings',
    loop: announced.loop,
    autoplay: announced.autoplay,
  });
}

/** Loop mode: what follows the end of a clip. Everyone's `player_state.next` changes with it. */
export function setLoop(
  state: RoomState,
  userId: string,
  mode: LoopMode,
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.loop === mode) {
    return ok(state, [], { type: 'settings', loop: state.loop, autoplay: state.autoplay });
  }
  return changed(state, { ...state, loop: mode }, `${member.name} ${loopWords[mode]}`, now);
}

/** Autoplay-next: whether the room moves to the next clip by itself. */
export function setAutoplay(
  state: RoomState,
  userId: string,
  enabled: boolean,
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.autoplay === enabled) {
    return ok(state, [], { type: 'settings', loop: state.loop, autoplay: state.autoplay });
  }
  const text = `${member.name} turned autoplay ${enabled ? 'on' : 'off'}`;
  return changed(state, { ...state, autoplay: enabled }, text, now);
}
