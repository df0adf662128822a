import {
  ActivityKind,
  ErrorCode,
  LoopMode,
  ROOM_SNAPSHOT_ELEMENT_ID,
  type Activity,
  type ChatMessage,
  type PlayerStatePayload,
  type ProtocolError,
  type RoomSnapshot,
  type UpcomingClip,
  type UserInfo,
  type VideoAuthor,
  type VideoItem,
} from '@wt/protocol';
import {
  arrayOf,
  isBoolean,
  isNumber,
  isString,
  oneOf,
  optional,
  shape,
  type Guard,
} from './guards';

/**
 * What the client takes from the room snapshot its page carries (`RoomSnapshot`, embedded
 * by the server in `/room/:roomId`): enough to show the room and load its clip before the
 * socket has connected. The join's `room_state` replaces it.
 */
export type RoomPreview = Pick<
  RoomSnapshot,
  | 'queue'
  | 'currentVideoIndex'
  | 'messages'
  | 'users'
  | 'player'
  | 'serverTime'
  | 'countdownEndsAt'
  | 'loop'
  | 'autoplay'
>;

const isLoopMode = oneOf(Object.values(LoopMode));

const isVideoItem = shape<VideoItem>({
  id: isNumber,
  url: isString,
  addedBy: isString,
  addedAt: isString,
  isProcessing: optional(isBoolean),
  resolvingSince: optional(isString),
  videoId: optional(isString),
  mp4Url: optional(isString),
  embedUrl: optional(isString),
  title: optional(isString),
  author: optional(shape<VideoAuthor>({ uniqueId: isString, nickname: isString })),
  thumbnailUrl: optional(isString),
  duration: optional(isNumber),
  width: optional(isNumber),
  height: optional(isNumber),
  mediaDuration: optional(isNumber),
  error: optional(
    shape<ProtocolError>({ code: oneOf(Object.values(ErrorCode)), message: isString }),
  ),
});

const isChatMessage = shape<ChatMessage>({
  id: isNumber,
  user: isString,
  userId: optional(isString),
  text: isString,
  timestamp: isString,
  isSystem: optional(isBoolean),
  activity: optional(
    shape<Activity>({ kind: oneOf(Object.values(ActivityKind)), userId: isString }),
  ),
});

const isPlayerState = shape<PlayerStatePayload>({
  playing: isBoolean,
  time: isNumber,
  updatedAt: isNumber,
  rate: isNumber,
  serverTime: isNumber,
  currentVideoIndex: isNumber,
  itemId: optional(isNumber),
  epoch: isNumber,
  gate: optional(oneOf(['held', 'released'])),
  endsAt: optional(isNumber),
  next: optional(shape<UpcomingClip>({ index: isNumber, itemId: isNumber, startsAt: isNumber })),
  loop: isLoopMode,
  autoplay: isBoolean,
});

export const isRoomPreview: Guard<RoomPreview> = shape<RoomPreview>({
  queue: arrayOf(isVideoItem),
  currentVideoIndex: isNumber,
  messages: arrayOf(isChatMessage),
  users: arrayOf(shape<UserInfo>({ id: isString, name: isString })),
  player: isPlayerState,
  serverTime: isNumber,
  countdownEndsAt: optional(isNumber),
  loop: isLoopMode,
  autoplay: isBoolean,
});

/** The snapshot's JSON, if it is one; anything else (bad JSON, wrong shape) is not. */
export function parseRoomPreview(json: string): RoomPreview | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    // Malformed JSON means no preview: the join brings the room a moment later.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  return isRoomPreview(value) ? value : undefined;
}

/** What of `document` the reading needs. */
export interface PageDocument {
  getElementById(id: string): { textContent: string | null } | null;
}

/** The snapshot the page carries: none when the element is absent or its content is not one. */
export function readRoomPreview(doc: PageDocument): RoomPreview | undefined {
  const text = doc.getElementById(ROOM_SNAPSHOT_ELEMENT_ID)?.textContent;
  return text ? parseRoomPreview(text) : undefined;
}
