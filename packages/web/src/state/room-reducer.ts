import {
  ErrorCode,
  Limits,
  protocolError,
  LoopMode,
  type ChatMessage,
  type MemberSync,
  type PlayerStatePayload,
  type ProtocolError,
  type RemovedFromRoom,
  type RoomChange,
  type RoomRoles,
  type RoomStateView,
  type ServiceStatus,
  type SystemMessagePayload,
  type UserInfo,
  type VideoItem,
} from '@wt/protocol';
import type { RoomPreview } from '../lib/snapshot/room-preview';

/**
 * The room as this client knows it: what the server last said, plus the connection.
 * Every server event becomes one action; the reducer is pure (time comes in the
 * actions), so the whole client state is testable without a socket.
 */

export type ConnectionStatus =
  /** First connection attempt. */
  | 'connecting'
  /** Connected, waiting for the join acknowledgement. */
  | 'joining'
  | 'connected'
  /** The connection dropped; Socket.io is retrying. */
  | 'reconnecting'
  /** The server refused the join (see `joinError`). */
  | 'failed';

export interface RoomView {
  roomId: string;
  status: ConnectionStatus;
  joinError: ProtocolError | undefined;
  /** A `room_state` has arrived at least once. */
  loaded: boolean;
  /**
   * What is shown comes from the snapshot the page carried (`room_preview`), not from a
   * join yet: the clip may load and play, but nothing can be asked of the server.
   */
  preview: boolean;
  self: UserInfo | undefined;
  queue: VideoItem[];
  currentVideoIndex: number;
  messages: ChatMessage[];
  users: UserInfo[];
  userCount: number;
  player: PlayerStatePayload | undefined;
  /** Server time a running countdown ends (playback starts then). */
  countdownEndsAt: number | undefined;
  loop: LoopMode;
  autoplay: boolean;
  /** How each person's player is doing (`sync_members`), by user id. */
  members: MemberSync[];
  /** Set while the server says a service it needs is away (`service_status`). */
  serviceNotice: string | undefined;
  /** Host, co-hosts, lock, password, skip votes (absent until the join says). */
  roles: RoomRoles | undefined;
  /** The host kicked or banned us: we are out of the room. */
  removal: RemovedFromRoom | undefined;
}

export type RoomAction =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'join_failed'; error: ProtocolError }
  | { type: 'joined'; user: UserInfo }
  | { type: 'room_state'; room: RoomStateView }
  | { type: 'room_preview'; room: RoomPreview }
  | { type: 'update_queue'; queue: VideoItem[] }
  | { type: 'update_index'; index: number }
  | { type: 'new_message'; message: ChatMessage }
  | { type: 'system_message'; message: SystemMessagePayload }
  | { type: 'player_state'; state: PlayerStatePayload }
  | { type: 'start_countdown'; seconds: number; serverNow: number }
  | { type: 'room_users'; users: UserInfo[] }
  | { type: 'room_users_count'; count: number }
  | { type: 'sync_members'; members: MemberSync[] }
  | { type: 'renamed'; user: UserInfo }
  /** Protocol 3: one `room_delta`'s changes, already in revision order. */
  | { type: 'changes'; changes: RoomChange[]; serverNow: number }
  | { type: 'service_status'; status: ServiceStatus }
  | { type: 'roles'; roles: RoomRoles }
  | { type: 'removed'; removal: RemovedFromRoom };

export function initialRoomView(roomId: string): RoomView {
  return {
    roomId,
    status: 'connecting',
    joinError: undefined,
    loaded: false,
    preview: false,
    self: undefined,
    queue: [],
    currentVideoIndex: 0,
    messages: [],
    users: [],
    userCount: 0,
    player: undefined,
    countdownEndsAt: undefined,
    loop: LoopMode.off,
    autoplay: true,
    members: [],
    serviceNotice: undefined,
    roles: undefined,
    removal: undefined,
  };
}

/** Adds a message once (ids are unique per room), keeps id order and the history bound. */
export function mergeMessage(
  messages: readonly ChatMessage[],
  message: ChatMessage,
): ChatMessage[] {
  if (messages.some((m) => m.id === message.id)) return [...messages];
  const last = messages.at(-1);
  const merged =
    last === undefined || last.id < message.id
      ? [...messages, message]
      : [...messages, message].sort((a, b) => a.id - b.id);
  return merged.slice(-Limits.chatHistory);
}

function withPlayer(view: RoomView, state: PlayerStatePayload): RoomView {
  // A state older than the one we hold (a late packet after a resync) is ignored.
  if (view.player && state.serverTime < view.player.serverTime) return view;
  // Still counting down: keep the overlay, now with the server's exact end.
  const countdownRunning =
    view.countdownEndsAt !== undefined &&
    view.countdownEndsAt > state.serverTime &&
    state.playing &&
    state.updatedAt > state.serverTime;
  return {
    ...view,
    player: state,
    currentVideoIndex: state.currentVideoIndex,
    countdownEndsAt: countdownRunning ? state.updatedAt : undefined,
    loop: state.loop,
    autoplay: state.autoplay,
  };
}

/** The room's contents from a `room_state` or the page's preview of it. */
function roomContents(view: RoomView, room: RoomPreview): RoomView {
  return {
    ...view,
    queue: room.queue,
    currentVideoIndex: room.currentVideoIndex,
    messages: room.messages.slice(-Limits.chatHistory),
    users: room.users,
    userCount: room.users.length,
    player: room.player,
    countdownEndsAt: room.countdownEndsAt,
    loop: room.loop,
    autoplay: room.autoplay,
  };
}

/** The entries of `queue` in the order of `itemIds`; entries not listed have left. */
function inOrder(queue: readonly VideoItem[], itemIds: readonly number[]): VideoItem[] {
  const byId = new Map(queue.map((item) => [item.id, item]));
  return itemIds.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
}

/** The same change as the whole-list (or single) action a protocol 2 client would get. */
function applyChange(view: RoomView, change: RoomChange, serverNow: number): RoomView {
  switch (change.kind) {
    case 'member_joined': {
      const users = view.users.some((u) => u.id === change.user.id)
        ? view.users
        : [...view.users, change.user];
      return roomReducer(view, { type: 'room_users', users });
    }
    case 'member_left':
      return roomReducer(view, {
        type: 'room_users',
        users: view.users.filter((u) => u.id !== change.userId),
      });
    case 'member_renamed':
      return roomReducer(view, {
        type: 'room_users',
        users: view.users.map((u) => (u.id === change.user.id ? change.user : u)),
      });
    case 'item_added':
      return {
        ...view,
        queue: [...view.queue.filter((i) => i.id !== change.item.id), change.item],
      };
    case 'item_updated':
      return {
        ...view,
        queue: view.queue.map((item) => (item.id === change.item.id ? change.item : item)),
      };
    case 'item_removed':
      return { ...view, queue: view.queue.filter((item) => item.id !== change.itemId) };
    case 'queue_order':
      return { ...view, queue: inOrder(view.queue, change.itemIds) };
    case 'index':
      return roomReducer(view, { type: 'update_index', index: change.index });
    case 'message':
      return roomReducer(view, { type: 'new_message', message: change.message });
    case 'system_message':
      return roomReducer(view, { type: 'system_message', message: change.message });
    case 'player_state':
      return roomReducer(view, { type: 'player_state', state: change.state });
    case 'countdown':
      return roomReducer(view, { type: 'start_countdown', seconds: change.seconds, serverNow });
    case 'roles':
      return { ...view, roles: change.roles };
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

export function roomReducer(view: RoomView, action: RoomAction): RoomView {
  switch (action.type) {
    case 'status':
      return {
        ...view,
        status: action.status,
        joinError: action.status === 'failed' ? view.joinError : undefined,
      };
    case 'service_status':
      return { ...view, serviceNotice: action.status.degraded ? action.status.message : undefined };
    case 'join_failed':
      return { ...view, status: 'failed', joinError: action.error };
    case 'joined':
      return { ...view, status: 'connected', joinError: undefined, self: action.user };
    case 'room_preview':
      // Only ever before the join: the server's own word always wins.
      if (view.loaded) return view;
      return { ...roomContents(view, action.room), preview: true };
    case 'room_state':
      return {
        ...roomContents(view, action.room),
        loaded: true,
        preview: false,
        roles: action.room.roles,
        removal: undefined,
      };
    case 'roles':
      return { ...view, roles: action.roles };
    case 'removed': {
      const { by, reason } = action.removal;
      const banned = reason === 'banned';
      return {
        ...view,
        removal: action.removal,
        status: 'failed',
        joinError: protocolError(
          banned ? ErrorCode.BANNED : ErrorCode.FORBIDDEN,
          banned ? `${by} banned you from this room.` : `${by} removed you from this room.`,
        ),
      };
    }
    case 'update_queue':
      return { ...view, queue: action.queue };
    case 'update_index':
      return { ...view, currentVideoIndex: action.index };
    case 'new_message':
      return { ...view, messages: mergeMessage(view.messages, action.message) };
    case 'system_message': {
      const { id, text, timestamp, activity } = action.message;
      const message: ChatMessage = {
        id,
        user: 'system',
        text,
        timestamp,
        isSystem: true,
        ...(activity ? { activity } : {}),
      };
      return { ...view, messages: mergeMessage(view.messages, message) };
    }
    case 'player_state':
      return withPlayer(view, action.state);
    case 'start_countdown': {
      // The matching player_state (playing, updatedAt = the end) usually follows;
      // until it does, the end is estimated from our clock.
      const scheduled = view.player?.playing === true && view.player.updatedAt > action.serverNow;
      const endsAt =
        scheduled && view.player ? view.player.updatedAt : action.serverNow + action.seconds * 1000;
      return { ...view, countdownEndsAt: endsAt };
    }
    case 'room_users':
      return {
        ...view,
        users: action.users,
        userCount: action.users.length,
        self: action.users.find((u) => u.id === view.self?.id) ?? view.self,
      };
    case 'room_users_count':
      return { ...view, userCount: action.count };
    case 'sync_members':
      return { ...view, members: action.members };
    case 'renamed':
      return { ...view, self: action.user };
    case 'changes':
      return action.changes.reduce(
        (current, change) => applyChange(current, change, action.serverNow),
        view,
      );
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The host locked the controls and we are neither host nor co-host. */
export function lockedForMe(view: RoomView): boolean {
  const { roles, self } = view;
  if (roles?.locked !== true || self === undefined) return false;
  return roles.hostId !== self.id && !roles.coHostIds.includes(self.id);
}

/** We are the room's host. */
export function isHostView(view: RoomView): boolean {
  return view.self !== undefined && view.roles?.hostId === view.self.id;
}

/** The queue entry being watched, if any. */
export function currentItem(view: RoomView): VideoItem | undefined {
  return view.queue[view.currentVideoIndex];
}
