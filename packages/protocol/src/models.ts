import type { ProtocolError } from './errors.js';
import type { RoomRoles } from './roles.js';

/**
 * The protocol revision. A client announces it on join; the server accepts every
 * revision from 1 up to this one and gives each client what its revision understands.
 * A client that announces nothing gets the seed's events as written.
 *
 * - 1: the seed's events plus acknowledgements, `room_users`, `set_name`, `retry_video`, `time_sync`.
 * - 2: scheduled starts with a buffering gate (`sync_report`, `sync_members`), auto-advance
 *   (`video_ended`, `media_duration`, `next` in `player_state`), loop and autoplay settings.
 * - 3: every change of the room as small ordered envelopes (`room_delta`, see delta.ts)
 *   instead of the whole-list events; the join's acknowledgement is its only `room_state`.
 */
export const PROTOCOL_VERSION = 3;

/** From this revision on a client gets `room_delta` envelopes instead of whole lists. */
export const DELTA_PROTOCOL_VERSION = 3;

/** The oldest revision the server still serves. */
export const MIN_PROTOCOL_VERSION = 1;

/** What happens at the end of a clip: nothing more, the same clip again, or the queue from the top. */
export const LoopMode = { off: 'off', one: 'one', all: 'all' } as const;
export type LoopMode = (typeof LoopMode)[keyof typeof LoopMode];

/** How one connection's player is doing, as it reports it (`sync_report`). */
export const SyncStatus = {
  /** Playing (or paused) on the room's frame. */
  inSync: 'in_sync',
  /** Off by more than the dead band; nudging or seeking back to the room. */
  catchingUp: 'catching_up',
  /** Loading, seeking or stalled: not able to show the room's frame yet. */
  buffering: 'buffering',
  /** The browser refused to play with sound until the person taps. */
  needsTap: 'needs_tap',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

export interface VideoAuthor {
  uniqueId: string;
  nickname: string;
}

/** One entry of a room's queue (seed `VideoItem`, with the resolver's additions). */
export interface VideoItem {
  id: number;
  url: string;
  addedBy: string;
  addedAt: string;
  isProcessing?: boolean;
  /**
   * When the resolve under way began (ISO), if not when the item was added: a retry. A
   * resolve that has gone on too long since then is taken over by another process.
   */
  resolvingSince?: string;
  /** TikTok's numeric id when the URL carries it (short links learn it when resolved). */
  videoId?: string;
  /** Same-origin media path a `<video>` can play. */
  mp4Url?: string;
  /** Official Embed Player URL, the fallback when no MP4 is available. */
  embedUrl?: string;
  title?: string;
  author?: VideoAuthor;
  thumbnailUrl?: string;
  duration?: number;
  width?: number;
  height?: number;
  /**
   * The media's real duration in seconds, as a player read it from the file's metadata
   * (`duration` above is TikTok's rounded figure). Auto-advance times the end with it.
   */
  mediaDuration?: number;
  error?: ProtocolError;
}

/** A clip's length for timing: the media's own duration when a player reported it. */
export function clipDuration(item: VideoItem | undefined): number | undefined {
  const seconds = item?.mediaDuration ?? item?.duration;
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** What someone did to the room, as an activity line in the chat says it. */
export const ActivityKind = {
  play: 'play',
  pause: 'pause',
  seek: 'seek',
  /** Moved to the clip after the current one. */
  skip: 'skip',
  /** Switched to another clip of the queue. */
  change: 'change',
  add: 'add',
  remove: 'remove',
  /** Moved a clip within the queue (drag, play next). */
  reorder: 'reorder',
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];

/**
 * Marks a system line as an activity line: who did what. Only the room core writes it, so
 * a chat message can never pass for one.
 */
export interface Activity {
  kind: ActivityKind;
  /** Who did it (`UserInfo.id`). */
  userId: string;
}

export interface ChatMessage {
  id: number;
  user: string;
  /** The sender's user id (absent for system messages). */
  userId?: string;
  text: string;
  timestamp: string;
  isSystem?: boolean;
  /** Addition: set on system lines that say what someone did (play, skip, add...). */
  activity?: Activity;
}

export interface UserInfo {
  id: string;
  name: string;
}

/**
 * Playback as the server owns it. The position now is
 * `position + (now - updatedAt) / 1000 * rate` while playing.
 * `updatedAt` may lie in the future: playback is scheduled to start then (countdown).
 */
export interface PlaybackState {
  playing: boolean;
  /** Seconds into the current video at `updatedAt`. */
  position: number;
  /** Server clock, ms since the epoch. */
  updatedAt: number;
  rate: number;
  /**
   * Counts playback decisions. Players report readiness for an epoch (`sync_report`), so a
   * report about an older decision never opens the gate of a newer one.
   */
  epoch: number;
  /**
   * The buffering gate of a scheduled start: `held` while the room waits for members who
   * are not ready (the start, `updatedAt`, is then the bound of that wait), `released` once
   * it no longer waits. Absent: no wait was needed (yet).
   */
  gate?: 'held' | 'released';
}

/** The clip that follows the current one, announced before the current one ends. */
export interface UpcomingClip {
  /** Queue position of the next clip. */
  index: number;
  itemId: number;
  /** Server time at which the next clip starts from 0 (the current one's end, normally). */
  startsAt: number;
}

/** What `room_state` carries: the seed's `RoomState`, `users` as an array. */
export interface RoomStateView {
  id: string;
  queue: VideoItem[];
  messages: ChatMessage[];
  currentVideoIndex: number;
  playing: boolean;
  currentTime: number;
  users: UserInfo[];
  createdAt: number;
  lastActivity: number;
  playback: PlaybackState;
  /** Server clock when this view was taken. */
  serverTime: number;
  countdownEndsAt?: number;
  /** Addition (protocol 2): playback as `player_state` would carry it now. */
  player: PlayerStatePayload;
  loop: LoopMode;
  autoplay: boolean;
  /** Addition (protocol 3): the room's store revision this view shows (see `RoomDelta`). */
  rev?: number;
  /** Addition: host, co-hosts, lock, password, skip votes (absent for the seed's client). */
  roles?: RoomRoles;
}

/** `player_state`: the seed's `{playing, time}` plus what a client needs to extrapolate. */
export interface PlayerStatePayload {
  playing: boolean;
  /** Position in seconds at `updatedAt`. */
  time: number;
  updatedAt: number;
  rate: number;
  serverTime: number;
  /** Which queue entry this state is about. */
  currentVideoIndex: number;
  /** Additions (protocol 2). The queue entry by id, robust against reordering. */
  itemId?: number;
  epoch: number;
  gate?: 'held' | 'released';
  /** Server time the current clip ends, when playing and its duration is known. */
  endsAt?: number;
  /** What plays after the current clip, and when; absent when playback stops there. */
  next?: UpcomingClip;
  loop: LoopMode;
  autoplay: boolean;
}

/** One person's player, as everyone sees it (`sync_members`). */
export interface MemberSync {
  /** The person's user id (`UserInfo.id`). */
  id: string;
  /** The worst state over the person's connections. */
  status: SyncStatus;
  /** Round trip of that person's clock sync, ms (their slowest connection). */
  rttMs?: number;
}

export interface SystemMessagePayload {
  text: string;
  timestamp: string;
  id: number;
  /** Addition: the line says what someone did (see `ChatMessage.activity`). */
  activity?: Activity;
}

/** Where playback is at `now` (server clock). */
export function positionAt(playback: PlaybackState, now: number): number {
  if (!playback.playing) return playback.position;
  const elapsed = Math.max(0, now - playback.updatedAt) / 1000;
  return playback.position + elapsed * playback.rate;
}
