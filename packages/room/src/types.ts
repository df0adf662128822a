import type {
  ChatMessage,
  LoopMode,
  PlaybackState,
  PlayerStatePayload,
  ProtocolError,
  RoomChange,
  RoomRoles,
  SystemMessagePayload,
  UserInfo,
  VideoItem,
} from '@wt/protocol';

/**
 * A person in the room. How many connections they have open (tabs, devices) is presence,
 * kept by the edge's presence registry, not here: the edge joins a person on their first
 * connection and makes them leave after their last one.
 */
export interface Member {
  id: string;
  name: string;
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
  /** At the end of a clip: stop (`off`), repeat it (`one`) or wrap the queue (`all`). */
  loop: LoopMode;
  /** Move to the next clip by itself at the end of one. */
  autoplay: boolean;
  /** Host, co-hosts, lock, bans, password (see `roles.ts`). */
  roles: RolesState;
}

/** Who runs the room, as stored. */
export interface RolesState {
  /** Absent only while nobody is in the room: the next joiner becomes host. */
  hostId?: string;
  coHostIds: string[];
  locked: boolean;
  /** Banned for the room's life, by user id. */
  bannedIds: string[];
  /** The password's hash as the edge made it (`scrypt:salt:key`); the core only compares it. */
  passwordHash?: string;
  /** Votes to skip the clip with id `itemId` (stale once another clip is current). */
  skipVotes?: { itemId: number; userIds: string[] };
}

/**
 * What the edge found about a joiner's password: whether one was given, and the stored
 * hash it matched (the edge checks it against the hash it read; the core compares that
 * the hash is still the room's).
 */
export interface JoinAccess {
  passwordGiven: boolean;
  matchedHash?: string;
}

/**
 * What the resolver learnt about a queued link: the queue item's own fields (one shape,
 * the protocol's `VideoItem`), the ones every resolve finds required.
 */
export type ResolveOutcome =
  | ({ ok: true; mp4Url: string | undefined } & Required<
      Pick<VideoItem, 'videoId' | 'url' | 'embedUrl'>
    > &
      Pick<VideoItem, 'title' | 'author' | 'thumbnailUrl' | 'duration' | 'width' | 'height'>)
  | ({ ok: false; error: ProtocolError } & Pick<VideoItem, 'embedUrl'>);

/**
 * Timing the edge measured and passes in, so the core stays pure: `leadMs` is how far
 * ahead a start is scheduled (see `leadTimeMs`); absent, a start takes effect at once.
 */
export interface Lead {
  leadMs?: number;
}

/** Who asks the room to leave a clip whose end has come (see `clipEnded`). */
export type EndSource =
  /** The server's own timer at the computed end: the next clip starts at that end, as announced. */
  | 'timer'
  /** A player saw its clip end (needed when the duration is not known). */
  | 'report'
  /** Not everyone has the next clip buffered: move on now and wait for them, bounded. */
  | 'hold';

/** Everything that can happen to a room. Inputs are already validated by the edge. */
export type Command =
  | {
      type: 'join';
      userId: string;
      name: string;
      /** A newcomer is refused (`ROOM_FULL`) when the room has this many members. */
      maxMembers?: number;
      access?: JoinAccess;
    }
  | ({ type: 'leave'; userId: string } & Lead)
  | { type: 'rename'; userId: string; name: string }
  | { type: 'addVideo'; userId: string; url: string }
  | ({ type: 'videoResolved'; itemId: number; outcome: ResolveOutcome } & Lead)
  | { type: 'retryVideo'; userId: string; itemId: number }
  | ({ type: 'removeVideo'; userId: string; index: number } & Lead)
  | ({ type: 'changeVideo'; userId: string; index: number } & Lead)
  | { type: 'sendMessage'; userId: string; text: string }
  | ({ type: 'play'; userId: string; time: number } & Lead)
  | { type: 'pause'; userId: string; time: number }
  | ({ type: 'seek'; userId: string; time: number } & Lead)
  | { type: 'requestCountdown'; userId: string }
  | {
      type: 'clipEnded';
      itemId: number;
      source: EndSource;
      /** How long before the computed end the room believes this (timer slack, report skew). */
      toleranceMs: number;
      leadMs: number;
      /** For `hold`: the longest the room waits for the members still buffering. */
      holdMs: number;
    }
  | {
      /** The buffering gate of the scheduled start of `epoch`, as the edge found the members. */
      type: 'gate';
      epoch: number;
      allReady: boolean;
      leadMs: number;
      holdMs: number;
    }
  | { type: 'reportDuration'; userId: string; itemId: number; duration: number }
  | { type: 'setLoop'; userId: string; mode: LoopMode }
  | { type: 'setAutoplay'; userId: string; enabled: boolean }
  | { type: 'moveVideo'; userId: string; itemId: number; toIndex: number }
  | { type: 'playNext'; userId: string; itemId: number }
  /** `randoms`: numbers in [0, 1) drawn at the edge, one per draw of the shuffle. */
  | { type: 'shuffleQueue'; userId: string; randoms: readonly number[] }
  | { type: 'clearQueue'; userId: string; keepCurrent: boolean }
  | { type: 'setCoHost'; userId: string; targetId: string; coHost: boolean }
  | { type: 'setLocked'; userId: string; locked: boolean }
  | ({ type: 'kick'; userId: string; targetId: string; ban: boolean } & Lead)
  | { type: 'transferHost'; userId: string; targetId: string }
  /** `passwordHash` made at the edge (salted); absent clears the password. */
  | { type: 'setPassword'; userId: string; passwordHash?: string }
  | ({ type: 'voteSkip'; userId: string } & Lead);

/** What changed in the queue, for the clients that take changes (protocol 3). */
export type QueueChange = Extract<
  RoomChange,
  { kind: 'item_added' | 'item_updated' | 'item_removed' | 'queue_order' }
>;
/** What changed among the members, likewise. */
export type MemberChange = Extract<
  RoomChange,
  { kind: 'member_joined' | 'member_left' | 'member_renamed' }
>;

/**
 * What the transport must do after a command. Each broadcast effect names the
 * seed event it becomes; `resolveVideo` asks the resolver adapter for work.
 */
export type Effect =
  | { type: 'update_queue'; queue: VideoItem[]; change: QueueChange }
  | { type: 'update_index'; index: number }
  | { type: 'new_message'; message: ChatMessage }
  | { type: 'system_message'; message: SystemMessagePayload }
  | { type: 'player_state'; state: PlayerStatePayload }
  | { type: 'player_seek'; time: number }
  | { type: 'start_countdown'; seconds: number }
  | { type: 'room_users'; users: UserInfo[]; change: MemberChange }
  /** The roles view changed (protocol 3: a `roles` change; protocols 1-2: `room_roles`). */
  | { type: 'room_roles'; roles: RoomRoles }
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
  | { type: 'queue'; queue: VideoItem[] }
  | { type: 'advanced'; advanced: boolean }
  | { type: 'accepted'; accepted: boolean }
  | { type: 'settings'; loop: LoopMode; autoplay: boolean }
  /** The queue in its new order and where the current clip is in it. */
  | { type: 'order'; queue: VideoItem[]; index: number }
  | { type: 'roles'; roles: RoomRoles }
  /** A kick or ban: who was removed (the edge takes their connections out and tells them). */
  | { type: 'removed'; roles: RoomRoles; userId: string; by: string }
  | { type: 'skipVote'; votes: number; needed: number; skipped: boolean };
