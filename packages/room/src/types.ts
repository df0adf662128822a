import type {
  ChatMessage,
  PlaybackState,
  PlayerStatePayload,
  ProtocolError,
  SystemMessagePayload,
  UserInfo,
  VideoAuthor,
  VideoItem,
} from '@wt/protocol';

/** A person in the room; one person may be connected from several sockets. */
export interface Member {
  id: string;
  name: string;
  connections: number;
  joinedAt: number;
}

/**
 * The whole state of one room. Plain JSON (no Map, no Date) so that any store can
 * serialise it as it is.
 */
export interface RoomState {
  id: string;
  createdAt: number;
  lastActivity: number;
  queue: VideoItem[];
  messages: ChatMessage[];
  currentVideoIndex: number;
  playback: PlaybackState;
  members: Member[];
  nextVideoId: number;
  nextMessageId: number;
  countdownEndsAt?: number;
}

/** What the resolver learnt about a queued link. */
export type ResolveOutcome =
  | {
      ok: true;
      videoId: string;
      url: string;
      mp4Url: string | undefined;
      embedUrl: string;
      title?: string;
      author?: VideoAuthor;
      thumbnailUrl?: string;
      duration?: number;
      width?: number;
      height?: number;
    }
  | { ok: false; error: ProtocolError; embedUrl?: string };

/** Everything that can happen to a room. Inputs are already validated by the edge. */
export type Command =
  | { type: 'join'; userId: string; name: string }
  | { type: 'leave'; userId: string }
  | { type: 'rename'; userId: string; name: string }
  | { type: 'addVideo'; userId: string; url: string }
  | { type: 'videoResolved'; itemId: number; outcome: ResolveOutcome }
  | { type: 'retryVideo'; userId: string; itemId: number }
  | { type: 'removeVideo'; userId: string; index: number }
  | { type: 'changeVideo'; userId: string; index: number }
  | { type: 'sendMessage'; userId: string; text: string }
  | { type: 'play'; userId: string; time: number }
  | { type: 'pause'; userId: string; time: number }
  | { type: 'seek'; userId: string; time: number }
  | { type: 'requestCountdown'; userId: string };

/**
 * What the transport must do after a command. Each broadcast effect names the
 * seed event it becomes; `resolveVideo` asks the resolver adapter for work.
 */
export type Effect =
  | { type: 'update_queue'; queue: VideoItem[] }
  | { type: 'update_index'; index: number }
  | { type: 'new_message'; message: ChatMessage }
  | { type: 'system_message'; message: SystemMessagePayload }
  | { type: 'player_state'; state: PlayerStatePayload }
  | { type: 'player_seek'; time: number }
  | { type: 'start_countdown'; seconds: number }
  | { type: 'room_users'; users: UserInfo[] }
  | { type: 'resolveVideo'; itemId: number; url: string };

export type ApplyResult =
  | { ok: true; state: RoomState; effects: Effect[]; reply: Reply }
  | { ok: false; error: ProtocolError };

/** Data for the caller's acknowledgement. */
export type Reply =
  | { type: 'none' }
  | { type: 'item'; item: VideoItem }
  | { type: 'message'; message: ChatMessage }
  | { type: 'playerState'; state: PlayerStatePayload }
  | { type: 'countdown'; seconds: number; endsAt: number }
  | { type: 'user'; user: UserInfo }
  | { type: 'index'; index: number }
  | { type: 'queue'; queue: VideoItem[] };
