import { ErrorCode, LoopMode, type ErrorCode as ErrorCodeType } from '@wt/protocol';
import type { RoomState } from '@wt/room';
import { z } from 'zod';

/**
 * The stored shape of a room, for stores that keep it outside this process. Reading a
 * room back parses it like any other input; a corrupt value is an error, never a cast.
 */
const errorCodes = Object.values(ErrorCode);
const errorCode = z.custom<ErrorCodeType>(
  (value) => typeof value === 'string' && errorCodes.some((code) => code === value),
);

const videoItem = z.object({
  id: z.number(),
  url: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  isProcessing: z.boolean().optional(),
  videoId: z.string().optional(),
  mp4Url: z.string().optional(),
  embedUrl: z.string().optional(),
  title: z.string().optional(),
  author: z.object({ uniqueId: z.string(), nickname: z.string() }).optional(),
  thumbnailUrl: z.string().optional(),
  duration: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  mediaDuration: z.number().optional(),
  error: z.object({ code: errorCode, message: z.string() }).optional(),
});

const chatMessage = z.object({
  id: z.number(),
  user: z.string(),
  userId: z.string().optional(),
  text: z.string(),
  timestamp: z.string(),
  isSystem: z.boolean().optional(),
});

export const roomStateSchema: z.ZodType<RoomState> = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastActivity: z.number(),
  queue: z.array(videoItem),
  messages: z.array(chatMessage),
  currentVideoIndex: z.number(),
  playback: z.object({
    playing: z.boolean(),
    position: z.number(),
    updatedAt: z.number(),
    rate: z.number(),
    // Rooms stored before scheduled starts had no epoch: they start counting from 0.
    epoch: z.number().default(0),
    gate: z.enum(['held', 'released']).optional(),
  }),
  members: z.array(
    z.object({ id: z.string(), name: z.string(), connections: z.number(), joinedAt: z.number() }),
  ),
  nextVideoId: z.number(),
  nextMessageId: z.number(),
  countdownEndsAt: z.number().optional(),
  // Rooms stored before loop and autoplay existed get the defaults of a new room.
  loop: z.enum(Object.values(LoopMode)).default(LoopMode.off),
  autoplay: z.boolean().default(true),
});

export function decodeRoom(raw: string | null): RoomState | undefined {
  if (raw === null) return undefined;
  return roomStateSchema.parse(JSON.parse(raw));
}
