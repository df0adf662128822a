import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RoomState } from '@wt/room';
import { z } from 'zod';
import type { Logger } from '../ops/logger.js';
import { roomStateSchema } from './room-state-schema.js';
import { snapshotJson } from './snapshot-json.js';

/**
 * A Socket.io recovery session and the person it was: the private id of their identity
 * and the name they last had (see realtime/identity-memory.ts).
 */
export interface SessionIdentity {
  sessionId: string;
  identity: { privateId: string; name: string };
}

/** What one snapshot holds: every room, and who each remembered session was. */
export interface SnapshotContents {
  rooms: RoomState[];
  identities: SessionIdentity[];
}

const SNAPSHOT_VERSION = 1;

/** The file's envelope; each room and identity inside is parsed on its own. */
const envelopeSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: z.number(),
  rooms: z.array(z.unknown()),
  identities: z.array(z.unknown()),
});

const sessionIdentitySchema = z.object({
  sessionId: z.string().min(1).max(64),
  identity: z.object({ privateId: z.string().min(1), name: z.string() }),
});

/**
 * Writes the snapshot so that a crash at any moment leaves either the old file or the new
 * one, never a torn one: a temporary file in the same directory, flushed to disk, renamed
 * over the old one, then the directory flushed so the rename itself is durable.
 */
export async function writeSnapshotFile(
  file: string,
  contents: SnapshotContents,
  now: number,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `${tempPrefixOf(file)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const head = { version: SNAPSHOT_VERSION, savedAt: now, identities: contents.identities };
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      for await (const chunk of snapshotJson(head, contents.rooms)) {
        await handle.writeFile(chunk, 'utf8'); // From the current position, all of it.
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error: unknown) {
    await rm(temp, { force: true });
    throw error;
  }
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Removes temporary files a killed writer left beside `file` (call at start-up, before the
 * first write: one process owns a DATA_DIR); returns how many there were.
 */
export async function removeStaleTemps(file: string): Promise<number> {
  const prefix = tempPrefixOf(file);
  const stale = (await readdir(path.dirname(file))).filter(
    (name) => name.startsWith(prefix) && name.endsWith('.tmp'),
  );
  for (const name of stale) await rm(path.join(path.dirname(file), name), { force: true });
  return stale.length;
}

function tempPrefixOf(file: string): string {
  return `.${path.basename(file)}.`;
}

/**
 * Reads a snapshot back. A missing file is an empty snapshot. A file that is not a
 * snapshot at all is renamed aside (`<file>.corrupt-<time>`, kept for a human to look at)
 * with a warning; a room or identity that does not parse is skipped with a warning.
 * Never throws for bad content: start-up must not fail on a bad snapshot.
 */
export async function readSnapshotFile(
  file: string,
  logger: Logger,
  now: number,
): Promise<SnapshotContents> {
  const empty: SnapshotContents = { rooms: [], identities: [] };
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if (isMissing(error)) return empty;
    throw error;
  }
  const json = parseJson(raw);
  const envelope = json.ok ? envelopeSchema.safeParse(json.value) : undefined;
  if (!envelope?.success) {
    const aside = `${file}.corrupt-${now}`;
    await rename(file, aside);
    const problem = json.ok ? envelope?.error.issues[0]?.message : json.problem;
    logger.warn(
      { file, keptAs: aside, problem },
      'room snapshot is unreadable; kept aside, starting without it',
    );
    return empty;
  }
  const rooms: RoomState[] = [];
  envelope.data.rooms.forEach((value, index) => {
    const room = roomStateSchema.safeParse(value);
    if (room.success) rooms.push(room.data);
    else {
      logger.warn(
        { file, index, problem: room.error.issues[0]?.message },
        'skipped a corrupt room in the snapshot',
      );
    }
  });
  const identities: SessionIdentity[] = [];
  let badIdentities = 0;
  for (const value of envelope.data.identities) {
    const identity = sessionIdentitySchema.safeParse(value);
    if (identity.success) identities.push(identity.data);
    else badIdentities++;
  }
  if (badIdentities > 0) {
    logger.warn({ file, count: badIdentities }, 'skipped corrupt identities in the snapshot');
  }
  return { rooms, identities };
}

/** JSON text to a value, or why it is not JSON. */
function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    const value: unknown = JSON.parse(raw);
    return { ok: true, value };
  } catch (error: unknown) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
