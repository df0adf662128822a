import { z } from 'zod';
import { Limits, ROOM_ID_PATTERN } from './limits.js';
import { LoopMode, SyncStatus } from './models.js';
import { REACTION_EMOJIS } from './reactions.js';
import { roleSchemas, roomPassword } from './roles.js';

/**
 * One zod schema per inbound (client-to-server) event. The server parses every
 * payload with these before anything else sees it.
 */
const roomId = z.string().regex(ROOM_ID_PATTERN, 'roomId must be 1-64 of A-Za-z0-9_-');
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'userId must be 1-64 of A-Za-z0-9_-');
/**
 * Characters that draw nothing although they are not format characters: fillers and blank
 * patterns (Hangul fillers, the blank Braille pattern, the combining grapheme joiner).
 */
const BLANK = /\u034F|\u115F|\u1160|\u17B4|\u17B5|\u2800|\u3164|\uFFA0/gu;
/**
 * Display names: control, format (zero-width, bidirectional) and blank characters removed,
 * any run of spaces one space, trimmed; 1-32 characters, of which at least one visible.
 */
export const displayName = z
  .string()
  .max(Limits.nameMaxLength * 4)
  .transform((value) =>
    value
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .replace(BLANK, '')
      .replace(/\s+/gu, ' ')
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(1, 'name is empty')
      .max(Limits.nameMaxLength, 'name is too long')
      .regex(/[\p{L}\p{N}\p{S}\p{P}]/u, 'name is invisible'),
  );
const time = z.number().min(0).max(Limits.maxTimeSeconds);
const index = z
  .number()
  .int()
  .min(0)
  .max(Limits.queueMaxLength * 100);
const itemId = z.number().int().min(0);
/** A round trip a client measured, ms; larger ones are clamped by the server's lead-time rule. */
const rttMs = z.number().min(0).max(60_000);
/** Chat text is length-checked by the room core, which answers MESSAGE_TOO_LONG. */
const chatText = z.string().max(Limits.maxPayloadBytes);

export const inboundSchemas = {
  join_room: z.object({
    roomId,
    userId,
    name: displayName.optional(),
    protocolVersion: z.number().int().optional(),
    /** Addition: the room's password, when its host set one. */
    password: roomPassword.optional(),
  }),
  add_video: z.object({
    roomId,
    video: z.object({ url: z.string().min(1).max(Limits.urlMaxLength) }),
  }),
  remove_video: z.object({ roomId, index }),
  change_video: z.object({ roomId, index }),
  send_message: z.object({
    roomId,
    message: z.union([chatText, z.object({ text: chatText })]),
  }),
  player_play: z.object({ roomId, time }),
  player_pause: z.object({ roomId, time }),
  player_seek: z.object({ roomId, time }),
  request_countdown: z.object({ roomId }),
  set_name: z.object({ roomId, name: displayName }),
  retry_video: z.object({ roomId, id: z.number().int().min(0) }),
  time_sync: z.object({ clientTime: z.number() }),
  /** A player's clip ended; the room advances once, for the clip that is current. */
  video_ended: z.object({ roomId, itemId }),
  /** The real duration a player read from the media's metadata. */
  media_duration: z.object({
    roomId,
    itemId,
    duration: z.number().positive().max(Limits.maxTimeSeconds),
  }),
  /** How this connection's player is doing: never stored with the room. */
  sync_report: z.object({
    roomId,
    rttMs: rttMs.optional(),
    /** Prepared (seeked, buffered) for the playback decision of this epoch. */
    readyEpoch: z.number().int().min(0).optional(),
    /** The next clip is buffered from its start. */
    preloadedItemId: itemId.optional(),
    status: z.enum(Object.values(SyncStatus)).optional(),
  }),
  set_loop: z.object({ roomId, mode: z.enum(Object.values(LoopMode)) }),
  set_autoplay: z.object({ roomId, enabled: z.boolean() }),
  /** A quick reaction at a frame of the clip on the sender's screen (relayed, never stored). */
  send_reaction: z.object({
    roomId,
    emoji: z.enum(REACTION_EMOJIS),
    itemId,
    /** Finite (zod refuses Infinity and NaN), 0 or more. */
    clipTime: time,
  }),
  /** Moves a queue entry (by id) to `toIndex`, counted in the queue as it will be. */
  move_video: z.object({ roomId, itemId, toIndex: index }),
  /** Moves a queue entry (by id) to right after the clip playing now. */
  play_next: z.object({ roomId, itemId }),
  /** Shuffles the queue: the clip playing now goes first, the rest in a random order. */
  shuffle_queue: z.object({ roomId }),
  /** Empties the queue; `keepCurrent` (the default) keeps the clip playing now. */
  clear_queue: z.object({ roomId, keepCurrent: z.boolean().optional() }),
  ...roleSchemas,
} as const;

export type InboundEvent = keyof typeof inboundSchemas;
export type InboundPayload<E extends InboundEvent> = z.output<(typeof inboundSchemas)[E]>;
export type OutboundPayloadInput<E extends InboundEvent> = z.input<(typeof inboundSchemas)[E]>;

/**
 * `sync_partial` as another process sends it: checked like any input (another version of
 * the server, or a bug, must not reach the lists people see).
 */
export const syncPartialSchema = z.object({
  from: z.string().min(1).max(64),
  roomId,
  members: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        status: z.enum(Object.values(SyncStatus)),
        rttMs: rttMs.optional(),
      }),
    )
    .max(100_000),
});

/** Most shares in one `sync_partials` message (a refresh of more rooms takes several). */
export const SYNC_PARTIALS_PER_MESSAGE = 200;

/** `sync_partials`: many `sync_partial`s at once, each checked alike. */
export const syncPartialsSchema = z.array(syncPartialSchema).max(SYNC_PARTIALS_PER_MESSAGE);
