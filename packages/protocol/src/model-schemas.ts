import { z } from 'zod';
import { ErrorCode } from './errors.js';
import { ActivityKind, type Activity, type ChatMessage, type VideoItem } from './models.js';

/**
 * The runtime shape of the queue item and the chat message, for every layer that reads
 * them back from outside the process (the stores). Typed against the interfaces in
 * models.ts, so the two can never drift apart: one item type, declared once here.
 */
const errorCodes: readonly string[] = Object.values(ErrorCode);
const errorCode = z.custom<ErrorCode>(
  (value) => typeof value === 'string' && errorCodes.includes(value),
);

export const videoItemSchema: z.ZodType<VideoItem> = z.object({
  id: z.number(),
  url: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  isProcessing: z.boolean().optional(),
  resolvingSince: z.string().optional(),
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

/** What an activity line says someone did (`ChatMessage.activity`). */
export const activitySchema: z.ZodType<Activity> = z.object({
  kind: z.enum(Object.values(ActivityKind)),
  userId: z.string(),
});

export const chatMessageSchema: z.ZodType<ChatMessage> = z.object({
  id: z.number(),
  user: z.string(),
  userId: z.string().optional(),
  text: z.string(),
  timestamp: z.string(),
  isSystem: z.boolean().optional(),
  activity: activitySchema.optional(),
});
