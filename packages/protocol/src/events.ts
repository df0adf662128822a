import type { RelayedDelta } from './delta-schemas.js';
import type { RoomDelta } from './delta.js';
import type { ProtocolError } from './errors.js';
import type {
  ChatMessage,
  LoopMode,
  MemberSync,
  PlayerStatePayload,
  RoomStateView,
  SystemMessagePayload,
  UserInfo,
  VideoItem,
} from './models.js';
import type { Reaction } from './reactions.js';
import type { RemovedFromRoom, RoleAckResults, RoomRoles } from './roles.js';
import type { InboundEvent, OutboundPayloadInput } from './schemas.js';
import type { SessionPayload } from './session.js';

/** Every acknowledgement is `{ok: true, ...}` or `{ok: false, error}`. */
export type AckResponse<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ProtocolError };

export type Ack<T extends object = object> = (response: AckResponse<T>) => void;

/** What a successful acknowledgement carries, per event. */
export interface AckResults extends RoleAckResults {
  join_room: { room: RoomStateView; user: UserInfo; protocolVersion: number };
  add_video: { item: VideoItem };
  remove_video: { queue: VideoItem[] };
  change_video: { index: number };
  send_message: { message: ChatMessage };
  player_play: { state: PlayerStatePayload };
  player_pause: { state: PlayerStatePayload };
  player_seek: { state: PlayerStatePayload };
  request_countdown: { seconds: number; endsAt: number };
  set_name: { user: UserInfo };
  retry_video: { item: VideoItem };
  time_sync: { clientTime: number; serverTime: number };
  video_ended: { advanced: boolean };
  media_duration: { accepted: boolean };
  sync_report: object;
  set_loop: { loop: LoopMode };
  set_autoplay: { autoplay: boolean };
  send_reaction: { reaction: Reaction };
  move_video: { queue: VideoItem[]; index: number };
  play_next: { queue: VideoItem[]; index: number };
  shuffle_queue: { queue: VideoItem[]; index: number };
  clear_queue: { queue: VideoItem[]; index: number };
}

/**
 * Client-to-server events as our client emits them (seed table plus additions). The server
 * treats the acknowledgement as optional; typed clients always ask for one.
 */
export type ClientToServerEvents = {
  [E in InboundEvent]: (payload: OutboundPayloadInput<E>, ack: Ack<AckResults[E]>) => void;
};

/**
 * The same events as the server receives them: nothing is trusted until the
 * schema of `inboundSchemas` has parsed it.
 */
export type UntrustedClientEvents = {
  [E in InboundEvent]: (payload: unknown, ack: unknown) => void;
};

/** Server-to-client events (seed table plus additions). */
export interface ServerToClientEvents {
  room_state: (state: RoomStateView) => void;
  update_queue: (queue: VideoItem[]) => void;
  update_index: (index: number) => void;
  new_message: (message: ChatMessage) => void;
  system_message: (message: SystemMessagePayload) => void;
  player_state: (state: PlayerStatePayload) => void;
  player_seek: (time: number) => void;
  start_countdown: (seconds: number) => void;
  room_users_count: (count: number) => void;
  /** Addition: who is in the room, sent whenever that changes. */
  room_users: (users: UserInfo[]) => void;
  /** Addition (protocol 2): how each person's player is doing, sent when that changes. */
  sync_members: (members: MemberSync[]) => void;
  /**
   * Addition (protocol 3): the room's changes, in revision order, instead of whole lists.
   * `offset`: Socket.io's recovery position, which it appends to whatever crosses the
   * servers' stream; a big room's batches on several servers carry one too. Clients need
   * not read it (Socket.io's client keeps it by itself).
   */
  room_delta: (delta: RoomDelta, offset?: string) => void;
  /** Addition (protocol 3): several `room_delta` envelopes of a busy moment, in order. */
  room_deltas: (deltas: RoomDelta[], offset?: string) => void;
  /** Addition: who this connection is (its signed token and public id), right after connecting. */
  session: (session: SessionPayload) => void;
  /**
   * Addition: a service the server needs (Redis) went away (`degraded: true`: changes are
   * refused with `UNAVAILABLE` meanwhile) or came back (`degraded: false`).
   */
  service_status: (status: ServiceStatus) => void;
  /** Addition: a quick reaction at a frame of a clip (every protocol; never stored). */
  reaction: (reaction: Reaction) => void;
  /** Addition: the host kicked or banned this person; the connection is out of the room. */
  removed_from_room: (removal: RemovedFromRoom) => void;
  /**
   * Addition (protocols 1-2 that announced a version): the room's roles changed. Protocol 3
   * clients get a `roles` change instead; the seed's client gets neither.
   */
  room_roles: (roles: RoomRoles) => void;
}

export interface ServiceStatus {
  degraded: boolean;
  message: string;
}

/** Between server processes (through the Redis adapter). */
export interface InterServerEvents {
  /** A process wrote a new state of this room: the others re-aim its playback timers. */
  room_changed: (roomId: string) => void;
  /**
   * The host removed `userId` from `roomId` (the core already did): every process takes
   * its own connections of that person out of the room, as if they had left.
   */
  member_evicted: (eviction: Eviction) => void;
  /**
   * How the players connected to the sending process are doing in a room: each process
   * knows only its own connections, and shows everyone the union (`sync_members`).
   */
  sync_partial: (partial: SyncPartial) => void;
  /** A process's shares of many rooms in one message: its periodic refresh of them all. */
  sync_partials: (partials: SyncPartial[]) => void;
  /**
   * A change of a big room stored by the sending process: each process batches a big
   * room's changes from every process for its own members, so each member gets one
   * stream of batches, not one per process.
   */
  room_delta_relayed: (relayed: RelayedDelta) => void;
}

/** One process's share of a room's `sync_members` (`from`: the process's own id). */
export interface SyncPartial {
  from: string;
  roomId: string;
  members: MemberSync[];
}

/** A kick or ban, as the processes tell each other (`member_evicted`). */
export interface Eviction extends RemovedFromRoom {
  userId: string;
}

export interface SocketData {
  /** Who the connection is, set by the server's session middleware before `connection`. */
  session?: { userId: string; privateId: string; token: string; expiresAt: number };
  roomId?: string;
  /** The member this connection is in `roomId`: always `session.userId`. */
  userId?: string;
  /** The protocol revision the client announced on join (absent: a seed client). */
  protocolVersion?: number;
  /** The address the connection comes from (behind a trusted proxy: the forwarded one). */
  address?: string;
}
