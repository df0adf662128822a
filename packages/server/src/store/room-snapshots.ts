import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RoomState } from '@wt/room';
import type { Logger } from '../ops/logger.js';
import type { MemoryRoomStore } from './memory-room-store.js';
import {
  readSnapshotFile,
  removeStaleTemps,
  writeSnapshotFile,
  type SessionIdentity,
  type SnapshotContents,
} from './room-snapshot-file.js';

/** The file in `DATA_DIR` that holds the rooms of a process without Redis. */
export const SNAPSHOT_FILE_NAME = 'rooms.json';

/** Who each Socket.io session was (realtime's `IdentityMemory` is one). */
export interface SnapshotIdentities {
  /** Grows with every change, so an unchanged memory is not written again. */
  readonly changes: number;
  entries(): SessionIdentity[];
  restore(entries: readonly SessionIdentity[]): void;
}

export interface RoomSnapshotsOptions {
  dataDir: string;
  intervalMs: number;
  store: MemoryRoomStore;
  identities: SnapshotIdentities;
  logger: Logger;
  clock: () => number;
}

interface Marks {
  rooms: number;
  identities: number;
}

/**
 * Durability for the single process without Redis: every interval in which something
 * changed, and once more on shutdown, every room and remembered session goes to one file
 * in `DATA_DIR`; on start they come back from it. Presence is not durable: a restored
 * room has no members until people come back (so no ghosts, and idle cleanup still
 * applies to it).
 */
export class RoomSnapshots {
  private timer: ReturnType<typeof setInterval> | undefined;
  private saved: Marks | undefined;
  private writing: Promise<void> | undefined;
  private readonly file: string;
  /** The remembered sessions as last read, with the mark they were read at (see `identityEntries`). */
  private identityList: { mark: number; entries: SessionIdentity[] } | undefined;

  private constructor(private readonly options: RoomSnapshotsOptions) {
    this.file = path.join(options.dataDir, SNAPSHOT_FILE_NAME);
  }

  /** Creates `DATA_DIR` when missing and restores what the last snapshot holds. */
  static async open(
    options: RoomSnapshotsOptions,
  ): Promise<{ snapshots: RoomSnapshots; restored: RoomState[] }> {
    await mkdir(options.dataDir, { recursive: true });
    const snapshots = new RoomSnapshots(options);
    const restored = await snapshots.restore();
    return { snapshots, restored };
  }

  /** Writes a snapshot every interval in which something changed. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.writing) return; // The next tick catches up.
      void this.saveIfChanged();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes the last snapshot (call before the store is closed). */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.writing) await this.writing;
    await this.saveIfChanged();
  }

  /** Writes a snapshot if anything changed since the last one; errors are logged. */
  async saveIfChanged(): Promise<void> {
    const { store, identities } = this.options;
    const marks: Marks = { rooms: store.changes, identities: identities.changes };
    if (this.saved?.rooms === marks.rooms && this.saved.identities === marks.identities) return;
    // Read synchronously, so rooms and identities are of one moment.
    const contents: SnapshotContents = {
      rooms: store.all(),
      identities: this.identityEntries(marks.identities),
    };
    const write = writeSnapshotFile(this.file, contents, this.options.clock())
      .then(() => {
        this.saved = marks;
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, file: this.file }, 'room snapshot failed');
      })
      .finally(() => {
        this.writing = undefined;
      });
    this.writing = write;
    await write;
  }

  /**
   * Every remembered session, read again only when they changed: the same list is the same
   * text in the snapshot (`snapshotJson` keeps it), and tens of thousands of sessions are
   * worth not writing out again every few seconds while people only chat. (Their order,
   * least recently used first, is as of the last change: a reconnect that only looked one
   * up moves it in memory, not yet on disk; that order only decides who is forgotten first.)
   */
  private identityEntries(mark: number): SessionIdentity[] {
    if (this.identityList?.mark !== mark) {
      this.identityList = { mark, entries: this.options.identities.entries() };
    }
    return this.identityList.entries;
  }

  private async restore(): Promise<RoomState[]> {
    const { store, identities, logger, clock } = this.options;
    const stale = await removeStaleTemps(this.file);
    if (stale > 0) logger.warn({ file: this.file, stale }, 'removed unfinished snapshot writes');
    const contents = await readSnapshotFile(this.file, logger, clock());
    const rooms = contents.rooms.map(withoutPresence);
    store.restore(rooms);
    identities.restore(contents.identities);
    this.saved = { rooms: store.changes, identities: identities.changes };
    if (rooms.length > 0 || contents.identities.length > 0) {
      logger.info(
        { file: this.file, rooms: rooms.length, identities: contents.identities.length },
        'restored rooms from the snapshot',
      );
    }
    return rooms;
  }
}

/** Nobody is connected to a process that has just started: members come back by joining. */
function withoutPresence(room: RoomState): RoomState {
  return { ...room, members: [] };
}
