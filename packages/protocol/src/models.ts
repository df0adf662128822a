import type { ProtocolError } from './errors.js';

/** The protocol revision; a client sends it on join and the server refuses a different major. */
export const PROTOCOL_VERSION = 1;

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
  error?: ProtocolError;
}

export interface ChatMessage {
  id: number;
  user: string;
  /** The sender's user id (absent for system messages). */
  userId?: string;
  text: string;
  timestamp: string;
  isSystem?: boolean;
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
}

export interface SystemMessagePayload {
  text: string;
  timestamp: string;
  id: number;
}

/** Where playback is at `now` (server clock). */
export function positionAt(playback: PlaybackState, now: number): number {
  if (!playback.playing) return playback.position;
  const elapsed = Math.max(0, now - playback.updatedAt) / 1000;
  return playback.position + elapsed * playback.rate;
}
