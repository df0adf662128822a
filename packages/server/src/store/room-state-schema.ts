import { chatMessageSchema, LoopMode, videoItemSchema } from '@wt/protocol';
import type { RoomState } from '@wt/room';
import { z } from 'zod';

/**
 * The stored shape of a room, for stores that keep it outside this process. Reading a
 * room back parses it like any other input; a corrupt value is an error, never a cast.
 * Queue items and chat messages are the protocol's own schemas (one item type).
 */
export const roomStateSchema: z.ZodType<RoomState> = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastActivity: z.number(),
  queue: z.array(videoItemSchema),
  messages: z.array(chatMessageSchema),
  currentVideoIndex: z.number(),
  playback: z.object({
    playing: z.boolean(),
    position: z.number(),
    updatedAt: z.number(),
    rate: z.number(),
    epoch: z.number(),
    gate: z.enum(['held', 'released']).optional(),
  }),
  members: z.array(z.object({ id: z.string(), name: z.string(), joinedAt: z.number() })),
  nextVideoId: z.number(),
  nextMessageId: z.number(),
  countdownEndsAt: z.number().optional(),
  loop: z.enum(Object.values(LoopMode)),
  autoplay: z.boolean(),
  roles: z.object({
    hostId: z.string().optional(),
    coHostIds: z.array(z.string()),
    locked: z.boolean(),
    bannedIds: z.array(z.string()),
    passwordHash: z.string().optional(),
    skipVotes: z.object({ itemId: z.number(), userIds: z.array(z.string()) }).optional(),
  }),
});

/** The version of the stored shape that `roomStateSchema` describes. */
export const ROOM_SCHEMA_VERSION = 4;

type StoredRecord = Record<string, unknown>;
const storedRecord = z.record(z.string(), z.unknown());
const playbackRecord = z.record(z.string(), z.unknown());
const versionOf = z.object({ schemaVersion: z.number().int().positive().optional() });

/**
 * One step per version: `migrations[n]` turns a room stored at version n into version
 * n + 1. Rooms stored before versions existed are version 1.
 */
export const migrations: Readonly<Record<number, (room: StoredRecord) => StoredRecord>> = {
  // 1 -> 2: scheduled starts (an epoch counted from 0), loop and autoplay (a new room's defaults).
  1: (room) => {
    const playback = playbackRecord.parse(room.playback);
    return {
      ...room,
      playback: { ...playback, epoch: playback.epoch ?? 0 },
      loop: room.loop ?? LoopMode.off,
      autoplay: room.autoplay ?? true,
    };
  },
  // 2 -> 3: connection counts left the room for the presence registry (members stay).
  2: (room) => ({
    ...room,
    members: z
      .array(z.record(z.string(), z.unknown()))
      .parse(room.members)
      .map(({ connections: _connections, ...member }) => member),
  }),
  // 3 -> 4: roles. The member present longest is host; nothing is locked, nobody banned.
  3: (room) => {
    const members = z.array(z.object({ id: z.string(), joinedAt: z.number() })).parse(room.members);
    const host = members.reduce<(typeof members)[number] | undefined>(
      (best, member) => (best === undefined || member.joinedAt < best.joinedAt ? member : best),
      undefined,
    );
    return {
      ...room,
      roles: {
        ...(host ? { hostId: host.id } : {}),
        coHostIds: [],
        locked: false,
        bannedIds: [],
      },
    };
  },
};

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/** Brings a stored room of any known version to the current shape (not yet validated). */
export function migrateRoom(value: unknown): StoredRecord {
  let room = storedRecord.parse(value);
  const from = versionOf.parse(room).schemaVersion ?? 1;
  if (from > ROOM_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `room stored at schema version ${from}; this server knows up to ${ROOM_SCHEMA_VERSION}`,
    );
  }
  for (let version = from; version < ROOM_SCHEMA_VERSION; version++) {
    const step = migrations[version];
    if (!step) throw new SchemaVersionError(`no migration from schema version ${version}`);
    room = step(room);
  }
  return room;
}

/** The stored form of a room: its state and the schema version it was written at. */
export function encodeRoom(state: RoomState): string {
  return JSON.stringify({ schemaVersion: ROOM_SCHEMA_VERSION, ...state });
}

/** Reads a stored room: migrated to the current version, then validated like any input. */
export function decodeRoom(raw: string | null): RoomState | undefined {
  if (raw === null) return undefined;
  return roomStateSchema.parse(migrateRoom(JSON.parse(raw)));
}
