import {
  LoopMode,
  positionAt,
  ROOM_SNAPSHOT_MESSAGES,
  type RoomSnapshot,
  type PlayerStatePayload,
  type RoomStateView,
  type UserInfo,
} from '@wt/protocol';
import { createRoles, rolesView } from './roles.js';
import { currentItem, endsAtOf, upcomingOf } from './timeline.js';
import type { RoomState } from './types.js';

export function createRoom(id: string, now: number): RoomState {
  return {
    id,
    createdAt: now,
    lastActivity: now,
    queue: [],
    messages: [],
    currentVideoIndex: 0,
    playback: { playing: false, position: 0, updatedAt: now, rate: 1, epoch: 0 },
    members: [],
    nextVideoId: 1,
    nextMessageId: 1,
    loop: LoopMode.off,
    autoplay: true,
    roles: createRoles(),
  };
}

export function usersOf(state: RoomState): UserInfo[] {
  return state.members.map((member) => ({ id: member.id, name: member.name }));
}

/** `player_state`: the seed's `{playing, time}` plus all a player needs to follow the room. */
export function playerStateOf(state: RoomState, now: number): PlayerStatePayload {
  const { playback } = state;
  const payload: PlayerStatePayload = {
    playing: playback.playing,
    time: playback.position,
    updatedAt: playback.updatedAt,
    rate: playback.rate,
    serverTime: now,
    currentVideoIndex: state.currentVideoIndex,
    epoch: playback.epoch,
    loop: state.loop,
    autoplay: state.autoplay,
  };
  const item = currentItem(state);
  if (item) payload.itemId = item.id;
  if (playback.gate !== undefined) payload.gate = playback.gate;
  const endsAt = endsAtOf(state);
  if (endsAt !== undefined) payload.endsAt = endsAt;
  const next = upcomingOf(state);
  if (next) payload.next = next;
  return payload;
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
    player: playerStateOf(state, now),
    loop: state.loop,
    autoplay: state.autoplay,
    roles: rolesView(state),
  };
  if (state.countdownEndsAt !== undefined && state.countdownEndsAt > now) {
    view.countdownEndsAt = state.countdownEndsAt;
  }
  return view;
}

/** What a room's page carries (`toView` with only the newest chat lines). */
export function toSnapshot(state: RoomState, now: number): RoomSnapshot {
  const view = toView(state, now);
  return { ...view, messages: view.messages.slice(-ROOM_SNAPSHOT_MESSAGES) };
}

/** Empty and untouched for longer than `idleMs`: the seed's cleanup rule. */
export function isIdle(state: RoomState, now: number, idleMs: number): boolean {
  return state.members.length === 0 && now - state.lastActivity > idleMs;
}
