import { createRoom } from '@wt/room';
import { describe, expect, it } from 'vitest';
import {
  decodeRoom,
  encodeRoom,
  migrations,
  ROOM_SCHEMA_VERSION,
  SchemaVersionError,
} from '../../src/store/room-state-schema.js';

describe('stored room schema', () => {
  it('has one migration step for every version before the current one', () => {
    for (let version = 1; version < ROOM_SCHEMA_VERSION; version++) {
      expect(migrations[version]).toBeTypeOf('function');
    }
  });

  it('round-trips a room at the current version', () => {
    const room = createRoom('r', 1000);
    const encoded = encodeRoom(room);
    expect(JSON.parse(encoded)).toMatchObject({ schemaVersion: ROOM_SCHEMA_VERSION });
    expect(decodeRoom(encoded)).toEqual(room);
  });

  it('migrates a version 1 room (no version, no epoch, loop or autoplay)', () => {
    const { loop: _loop, autoplay: _autoplay, ...room } = createRoom('r', 1000);
    const { epoch: _epoch, ...playback } = room.playback;
    const decoded = decodeRoom(JSON.stringify({ ...room, playback }));
    expect(decoded).toEqual(createRoom('r', 1000));
  });

  it('keeps what a version 1 room did have', () => {
    const room = createRoom('r', 1000);
    const v1 = { ...room, loop: 'all', playback: { ...room.playback, epoch: 7 } };
    expect(decodeRoom(JSON.stringify(v1))).toMatchObject({ loop: 'all', playback: { epoch: 7 } });
  });

  it('migrates a version 2 room: members keep their names, their connection counts go', () => {
    const room = createRoom('r', 1000);
    const v2 = {
      ...room,
      schemaVersion: 2,
      members: [{ id: 'ann', name: 'Ann', connections: 3, joinedAt: 1500 }],
    };
    expect(decodeRoom(JSON.stringify(v2))?.members).toEqual([
      { id: 'ann', name: 'Ann', joinedAt: 1500 },
    ]);
  });

  it('migrates a version 3 room: the member present longest is host, nothing locked', () => {
    const { roles: _roles, ...room } = createRoom('r', 1000);
    const v3 = {
      ...room,
      schemaVersion: 3,
      members: [
        { id: 'bo', name: 'Bo', joinedAt: 2500 },
        { id: 'ann', name: 'Ann', joinedAt: 1500 },
      ],
    };
    expect(decodeRoom(JSON.stringify(v3))?.roles).toEqual({
      hostId: 'ann',
      coHostIds: [],
      locked: false,
      bannedIds: [],
    });
    const empty = { ...room, schemaVersion: 3 };
    expect(decodeRoom(JSON.stringify(empty))?.roles).toEqual(createRoom('r', 1000).roles);
  });

  it('refuses a room written by a newer server instead of guessing', () => {
    const encoded = JSON.stringify({
      ...createRoom('r', 1000),
      schemaVersion: ROOM_SCHEMA_VERSION + 1,
    });
    expect(() => decodeRoom(encoded)).toThrow(SchemaVersionError);
  });

  it('refuses a current-version room that lacks a field', () => {
    const { autoplay: _autoplay, ...room } = createRoom('r', 1000);
    const encoded = JSON.stringify({ ...room, schemaVersion: ROOM_SCHEMA_VERSION });
    expect(() => decodeRoom(encoded)).toThrow();
  });
});
