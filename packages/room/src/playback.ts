import { ErrorCode, Limits, positionAt } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import type { ApplyResult, Effect, RoomState } from './types.js';

type Action = 'play' | 'pause' | 'seek';

/** A position never runs past the end of a video whose duration is known. */
function clampToVideo(state: RoomState, time: number): number {
  const duration = state.queue[state.currentVideoIndex]?.duration;
  return duration !== undefined && duration > 0 ? Math.min(time, duration) : time;
}

export function control(
  state: RoomState,
  userId: string,
  action: Action,
  time: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.queue.length === 0) return fail(ErrorCode.NO_VIDEO, 'Add a video to the queue first.');
  const position = clampToVideo(state, time);
  const playing = action === 'play' ? true : action === 'pause' ? false : state.playback.playing;
  // A seek during a running countdown moves the start point; playback still starts when it ends.
  const countdown = state.countdownEndsAt !== undefined && state.countdownEndsAt > now;
  const scheduledStart = action === 'seek' && countdown ? state.countdownEndsAt : undefined;
  const next: RoomState = {
    ...state,
    lastActivity: now,
    playback: { playing, position, updatedAt: scheduledStart ?? now, rate: state.playback.rate },
  };
  if (scheduledStart === undefined) delete next.countdownEndsAt;
  const playerState = playerStateOf(next, now);
  const effects: Effect[] = [{ type: 'player_state', state: playerState }];
  if (action === 'seek') effects.push({ type: 'player_seek', time: position });
  return ok(next, effects, { type: 'playerState', state: playerState });
}

/**
 * Starts a countdown; playback is scheduled to begin when it ends (`updatedAt` in
 * the future), so no server timer is needed. Asking again while one runs is a no-op.
 */
export function requestCountdown(state: RoomState, userId: string, now: number): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (state.queue.length === 0) return fail(ErrorCode.NO_VIDEO, 'Add a video to the queue first.');
  const seconds = Limits.countdownSeconds;
  if (state.countdownEndsAt !== undefined && state.countdownEndsAt > now) {
    return ok(state, [], { type: 'countdown', seconds, endsAt: state.countdownEndsAt });
  }
  const endsAt = now + seconds * 1000;
  const scheduled: RoomState = {
    ...state,
    lastActivity: now,
    countdownEndsAt: endsAt,
    playback: {
      playing: true,
      position: positionAt(state.playback, now),
      updatedAt: endsAt,
      rate: state.playback.rate,
    },
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
