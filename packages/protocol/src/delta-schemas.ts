import { z } from 'zod';
import type { RoomChange, RoomDelta } from './delta.js';
import { ROOM_ID_PATTERN } from './limits.js';
import { activitySchema, chatMessageSchema, videoItemSchema } from './model-schemas.js';
import {
  LoopMode,
  type PlayerStatePayload,
  type SystemMessagePayload,
  type UserInfo,
} from './models.js';
import type { RoomRoles } from './roles.js';

/**
 * The runtime shape of `RoomDelta`, for a process that hears another's changes: checked
 * like any input (another version of the server, or a bug, must not reach the people in
 * the room). Typed against the interfaces, so the two cannot drift apart.
 */
const userInfoSchema: z.ZodType<UserInfo> = z.object({ id: z.string(), name: z.string() });

const systemMessageSchema: z.ZodType<SystemMessagePayload> = z.object({
  text: z.string(),
  timestamp: z.string(),
  id: z.number(),
  activity: activitySchema.optional(),
});

const playerStateSchema: z.ZodType<PlayerStatePayload> = z.object({
  playing: z.boolean(),
  time: z.number(),
  updatedAt: z.number(),
  rate: z.number(),
  serverTime: z.number(),
  currentVideoIndex: z.number(),
  itemId: z.number().optional(),
  epoch: z.number(),
  gate: z.enum(['held', 'released']).optional(),
  endsAt: z.number().optional(),
  next: z.object({ index: z.number(), itemId: z.number(), startsAt: z.number() }).optional(),
  loop: z.enum(Object.values(LoopMode)),
  autoplay: z.boolean(),
});

const rolesSchema: z.ZodType<RoomRoles> = z.object({
  hostId: z.string().optional(),
  coHostIds: z.array(z.string()),
  locked: z.boolean(),
  hasPassword: z.boolean(),
  skipVotes: z.array(z.string()),
});

const roomChangeSchema: z.ZodType<RoomChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member_joined'), user: userInfoSchema }),
  z.object({ kind: z.literal('member_left'), userId: z.string() }),
  z.object({ kind: z.literal('member_renamed'), user: userInfoSchema }),
  z.object({ kind: z.literal('item_added'), item: videoItemSchema }),
  z.object({ kind: z.literal('item_updated'), item: videoItemSchema }),
  z.object({ kind: z.literal('item_removed'), itemId: z.number() }),
  z.object({ kind: z.literal('queue_order'), itemIds: z.array(z.number()) }),
  z.object({ kind: z.literal('index'), index: z.number() }),
  z.object({ kind: z.literal('message'), message: chatMessageSchema }),
  z.object({ kind: z.literal('system_message'), message: systemMessageSchema }),
  z.object({ kind: z.literal('player_state'), state: playerStateSchema }),
  z.object({ kind: z.literal('countdown'), seconds: z.number() }),
  z.object({ kind: z.literal('roles'), roles: rolesSchema }),
]);

export const roomDeltaSchema: z.ZodType<RoomDelta> = z.object({
  rev: z.number().int().nonnegative(),
  changes: z.array(roomChangeSchema),
});

/**
 * `room_delta_relayed`: a change of a big room stored by another process, for this one to
 * batch with its own for the members connected here. `members`: the room's people on
 * every process when it was stored (how long a batch may wait grows with them).
 */
export const relayedDeltaSchema = z.object({
  roomId: z.string().regex(ROOM_ID_PATTERN),
  members: z.number().int().nonnegative(),
  delta: roomDeltaSchema,
});
export type RelayedDelta = z.infer<typeof relayedDeltaSchema>;
