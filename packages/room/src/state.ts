import {
  positionAt,
  type PlayerStatePayload,
  type RoomStateView,
  type UserInfo,
} from '@wt/protocol';
import type { RoomState } from './types.js';

export function createRoom(id: string, now: number): RoomState {
  return {
    id,
    createdAt: now,
    lastActivity: now,
    queue: [],
    messages: [],
    currentVideoIndex: 0,
    playback: { playing: false, position: 0, updatedAt: now, rate: 1 },
    members: [],
    nextVideoId: 1,
    nextMessageId: 1,
  };
}

export function usersOf(state: RoomState): UserInfo[] {
  return state.members.map((member) => ({ id: member.id, name: member.name }));
}

export function playerStateOf(state: RoomState, now: number): PlayerStatePayload {
  return {
    playing: state.playback.playing,
    time: state.playback.position,
    updatedAt: state.playback.updatedAt,
    rate: state.playback.rate,
    serverTime: now,
    currentVideoIndex: state.currentVideoIndex,
  };
}

/** The seed's `RoomState` as clients receive it in `room_state`. */
export function toView(state: RoomState, now: number): RoomStateView {
  const view: RoomStateView = {
    id: state.id,
    queue: state.queue,
    messages: state.messages,
    currentVideoIndex: state.currentVideoIndex,
    playing: state.playback.playing,
    currentTime: positionAt(state.playback, now),
    users: usersOf(state),
    createdAt: state.createdAt,
    lastActivity: state.lastActivity,
    playback: state.playback,
    serverTime: now,
  };
  if (state.countdownEndsAt !== undefined && state.countdownEndsAt > now) {
    view.countdownEndsAt = state.countdownEndsAt;
  }
  return view;
}

/** Empty and untouched for longer than `idleMs`: the seed's cleanup rule. */
export function isIdle(state: RoomState, now: number, idleMs: number): boolean {
  return state.members.length === 0 && now - state.lastActivity > idleMs;
}
