import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apply, createRoom, type RoomState } from '@wt/room';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshotFile, writeSnapshotFile } from '../../src/store/room-snapshot-file.js';
import { captureLogs, WARN } from '../support/log-capture.js';

function roomWithChat(id: string, text: string): RoomState {
  const joined = apply(
    createRoom(id, 1_000),
    { type: 'join', userId: 'alice-id', name: 'Alice' },
    1_000,
  );
  if (!joined.ok) throw new Error(joined.error.message);
  const said = apply(joined.state, { type: 'sendMessage', userId: 'alice-id', text }, 2_000);
  if (!said.ok) throw new Error(said.error.message);
  return said.state;
}

describe('the room snapshot file', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wt-snapshot-file-'));
    file = path.join(dir, 'rooms.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back exactly the rooms and identities it wrote', async () => {
    const rooms = [roomWithChat('one', 'hello'), roomWithChat('two', 'bonjour')];
    const identities = [
      { sessionId: 'pid-1', identity: { privateId: 'alice-private', name: 'Alice' } },
    ];
    await writeSnapshotFile(file, { rooms, identities }, 5_000);
    const { logger, lines } = captureLogs();
    expect(await readSnapshotFile(file, logger, 6_000)).toEqual({ rooms, identities });
    expect(lines.filter((l) => l.level >= WARN)).toEqual([]);
  });

  it('replaces the previous snapshot whole and leaves no temporary file behind', async () => {
    await writeSnapshotFile(file, { rooms: [roomWithChat('old', 'x')], identities: [] }, 1);
    await writeSnapshotFile(file, { rooms: [roomWithChat('new', 'y')], identities: [] }, 2);
    expect(await readdir(dir)).toEqual(['rooms.json']);
    const { logger } = captureLogs();
    const read = await readSnapshotFile(file, logger, 3);
    expect(read.rooms.map((r) => r.id)).toEqual(['new']);
  });

  it('a write that fails leaves the old snapshot untouched and no temporary file', async () => {
    const target = path.join(dir, 'busy');
    await mkdir(path.join(target, 'rooms.json'), { recursive: true });
    await expect(
      writeSnapshotFile(path.join(target, 'rooms.json'), { rooms: [], identities: [] }, 1),
    ).rejects.toThrow();
    expect(await readdir(target)).toEqual(['rooms.json']);
  });

  it('a missing file is an empty snapshot', async () => {
    const { logger, lines } = captureLogs();
    expect(await readSnapshotFile(file, logger, 1)).toEqual({ rooms: [], identities: [] });
    expect(lines).toEqual([]);
  });

  it('skips a corrupt room or identity with a warning and keeps the rest', async () => {
    const good = roomWithChat('good', 'kept');
    const { id: _dropped, ...withoutId } = roomWithChat('bad', 'lost');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        savedAt: 1,
        rooms: [withoutId, good, { ...good, id: 'worse', queue: 'not a queue' }],
        identities: [
          { sessionId: 'pid-1', identity: { privateId: 'a', name: 'A' } },
          { sessionId: 7 },
        ],
      }),
    );
    const { logger, lines } = captureLogs();
    const read = await readSnapshotFile(file, logger, 2);
    expect(read.rooms).toEqual([good]);
    expect(read.identities).toEqual([
      { sessionId: 'pid-1', identity: { privateId: 'a', name: 'A' } },
    ]);
    const warnings = lines.filter((l) => l.level === WARN).map((l) => l.msg);
    expect(warnings).toEqual([
      'skipped a corrupt room in the snapshot',
      'skipped a corrupt room in the snapshot',
      'skipped corrupt identities in the snapshot',
    ]);
  });

  it.each([
    ['torn JSON', '{"version":1,"savedAt":1,"rooms":[{"id":"to'],
    ['another shape', '{"rooms": {}}'],
    ['a future version', '{"version":99,"savedAt":1,"rooms":[],"identities":[]}'],
  ])('keeps a file that is %s aside with a warning and starts empty', async (_what, body) => {
    await writeFile(file, body);
    const { logger, lines } = captureLogs();
    expect(await readSnapshotFile(file, logger, 1234)).toEqual({ rooms: [], identities: [] });
    expect(await readdir(dir)).toEqual(['rooms.json.corrupt-1234']);
    expect(await readFile(path.join(dir, 'rooms.json.corrupt-1234'), 'utf8')).toBe(body);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toEqual([
      'room snapshot is unreadable; kept aside, starting without it',
    ]);
  });
});
