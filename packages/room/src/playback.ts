import { clipDuration, ErrorCode, Limits, positionAt } from '@wt/protocol';
import { decide, startAt } from './decision.js';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import { currentItem, hasEnded } from './timeline.js';
import type { ApplyResult, Effect, RoomState } from './types.js';

type Action = 'play' | 'pause' | 'seek';

/** A position never runs past the end of a video whose duration is known. */
function clampToVideo(state: RoomState, time: number): number {
  const duration = clipDuration(currentItem(state));
  return duration !== undefined ? Math.min(time, duration) : time;
}

function countdownRunning(state: RoomState, now: number): boolean {
  return state.countdownEndsAt !== undefined && state.countdownEndsAt > now;
}

/**
 * Play, pause and seek. A start (play, or a seek while playing) is scheduled `leadMs`
 * ahead so every player starts the same frame at the same moment; a pause takes effect
 * at once on the frame the person saw. Play while the room already plays changes
 * nothing: re-anchoring a running clip would only make everyone stutter.
 */
export function control(
  state: RoomState,
  userId: string,
  action: Action,
  time: number,
  now: number,
  leadMs?: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.queue.length === 0) return fail(ErrorCode.NO_VIDEO, 'Add a video to the queue first.');
  const { playback } = state;
  const alreadyRunning =
    action === 'play' && playback.playing && !countdownRunning(state, now) && !hasEnded(state, now);
  if (alreadyRunning) {
    const current = playerStateOf(state, now);
    return ok(state, [], { type: 'playerState', state: current });
  }
  const position = clampToVideo(state, time);
  const playing = action === 'play' ? true : action === 'pause' ? false : playback.playing;
  let next: RoomState;
  if (action === 'seek' && countdownRunning(state, now) && state.countdownEndsAt !== undefined) {
    // A seek during a countdown moves the start point; playback still starts when it ends.
    next = {
      ...decide(state, { playing, position, updatedAt: state.countdownEndsAt }),
      countdownEndsAt: state.countdownEndsAt,
    };
  } else {
    next = decide(state, { playing, position, updatedAt: playing ? startAt(now, leadMs) : now });
  }
  next = { ...next, lastActivity: now };
  const playerState = playerStateOf(next, now);
  const effects: Effect[] = [{ type: 'player_state', state: playerState }];
  if (action === 'seek') effects.push({ type: 'player_seek', time: position });
  return ok(next, effects, { type: 'playerState', state: playerState });
}

/**
 * Starts a countdown; playback is scheduled to begin exactly when it ends (`updatedAt`
 * in the future), so no server timer is needed. An ended clip, and a running one,
 * start again from 0; a paused one starts where it is. Asking again while one runs is
 * a no-op.
 */
export function requestCountdown(state: RoomState, userId: string, now: number): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.queue.length === 0) return fail(ErrorCode.NO_VIDEO, 'Add a video to the queue first.');
  const seconds = Limits.countdownSeconds;
  if (countdownRunning(state, now) && state.countdownEndsAt !== undefined) {
    return ok(state, [], { type: 'countdown', seconds, endsAt: state.countdownEndsAt });
  }
  const endsAt = now + seconds * 1000;
  const fromStart = state.playback.playing || hasEnded(state, now);
  const position = fromStart ? 0 : positionAt(state.playback, now);
  const scheduled: RoomState = {
    ...decide(state, { playing: true, position, updatedAt: endsAt }),
    lastActivity: now,
    countdownEndsAt: endsAt,
  };
  const [next, announce] = systemLine(scheduled, `${member.name} started a countdown`, now);
  return ok(
    next,
    [
      { type: 'start_countdown', seconds },
      { type: 'player_state', state: playerStateOf(next, now) },
      announce,
    ],
    { type: 'countdown', seconds, endsAt },
  );
}

/**
 * The buffering gate of a scheduled start, decided by the edge shortly before it. If
 * someone is not ready, the start waits for them, at most `holdMs`; once everyone is
 * ready (or the hold has run out) it goes ahead. The epoch stays, so the readiness
 * already reported still counts.
 */
export function gate(
  state: RoomState,
  epoch: number,
  allReady: boolean,
  now: number,
  leadMs: number,
  holdMs: number,
): ApplyResult {
  const { playback } = state;
  if (playback.epoch !== epoch || !playback.playing || playback.updatedAt <= now) return ok(state);
  let next: RoomState;
  if (allReady && playback.gate === 'held') {
    const updatedAt = Math.min(playback.updatedAt, now + Math.max(0, leadMs));
    next = { ...state, playback: { ...playback, updatedAt, gate: 'released' } };
  } else if (!allReady && playback.gate === undefined) {
    const updatedAt = Math.max(playback.updatedAt, now + Math.max(0, holdMs));
    next = { ...state, playback: { ...playback, updatedAt, gate: 'held' } };
  } else {
    return ok(state);
  }
  return ok(next, [{ type: 'player_state', state: playerStateOf(next, now) }]);
}
