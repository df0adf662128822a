import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apply, createRoom, type RoomState } from '@wt/room';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityMemory } from '../../src/realtime/identity-memory.js';
import { MemoryRoomStore } from '../../src/store/memory-room-store.js';
import { RoomSnapshots, SNAPSHOT_FILE_NAME } from '../../src/store/room-snapshots.js';
import { captureLogs, WARN } from '../support/log-capture.js';

function joined(room: RoomState, userId: string, now: number): RoomState {
  const result = apply(room, { type: 'join', userId, name: userId }, now);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

describe('RoomSnapshots (memory store + DATA_DIR)', () => {
  let parent: string;
  let dataDir: string;
  let file: string;

  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'wt-room-snapshots-'));
    dataDir = path.join(parent, 'nested', 'data');
    file = path.join(dataDir, SNAPSHOT_FILE_NAME);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  async function open(logger = captureLogs().logger) {
    const store = new MemoryRoomStore();
    const identities = new IdentityMemory();
    const opened = await RoomSnapshots.open({
      dataDir,
      intervalMs: 60_000,
      store,
      identities,
      logger,
      clock: () => 10_000,
    });
    return { store, identities, ...opened };
  }

  it('creates DATA_DIR, and writes only when something changed', async () => {
    const { store, snapshots } = await open();
    expect(await readdir(dataDir)).toEqual([]);
    await snapshots.saveIfChanged();
    expect(await readdir(dataDir)).toEqual([]); // Nothing changed since the (empty) start.

    await store.update('r1', () => ({ state: createRoom('r1', 1), result: undefined }));
    await snapshots.saveIfChanged();
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);

    await rm(file);
    await snapshots.saveIfChanged();
    expect(await readdir(dataDir)).toEqual([]); // Unchanged: not written again.

    await store.delete('r1');
    await snapshots.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ rooms: [] });
  });

  it('restores rooms without their members, and the remembered sessions', async () => {
    const first = await open();
    const room = joined(joined(createRoom('r1', 1), 'ann', 2), 'ben', 3);
    await first.store.update('r1', () => ({ state: room, result: undefined }));
    first.identities.restore([
      { sessionId: 'pid-ann', identity: { privateId: 'ann-private', name: 'Ann' } },
    ]);
    await first.snapshots.close();

    const second = await open();
    expect(second.restored).toEqual([{ ...room, members: [] }]);
    expect(await second.store.get('r1')).toEqual({ ...room, members: [] });
    expect(second.identities.entries()).toEqual([
      { sessionId: 'pid-ann', identity: { privateId: 'ann-private', name: 'Ann' } },
    ]);
  });

  it('removes what a killed writer left half-written and keeps the last whole snapshot', async () => {
    const first = await open();
    await first.store.update('r1', () => ({ state: createRoom('r1', 1), result: undefined }));
    await first.snapshots.close();
    const torn = path.join(dataDir, `.${SNAPSHOT_FILE_NAME}.999.abcd.tmp`);
    await writeFile(torn, '{"version":1,"rooms":[');

    const { logger, lines } = captureLogs();
    const second = await open(logger);
    expect(second.restored.map((r) => r.id)).toEqual(['r1']);
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toEqual([
      'removed unfinished snapshot writes',
    ]);
  });
});
