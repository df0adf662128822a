import {
  ROOM_SNAPSHOT_ELEMENT_ID,
  snapshotJson,
  type PlayerStatePayload,
  type RoomSnapshot,
} from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { parseRoomPreview, readRoomPreview } from './room-preview';

const player: PlayerStatePayload = {
  playing: true,
  time: 2,
  updatedAt: 9_000,
  rate: 1,
  serverTime: 10_000,
  currentVideoIndex: 0,
  itemId: 1,
  epoch: 4,
  gate: 'released',
  endsAt: 14_000,
  next: { index: 1, itemId: 2, startsAt: 14_000 },
  loop: 'off',
  autoplay: true,
};

const snapshot: RoomSnapshot = {
  id: 'brave-otter-42',
  queue: [
    {
      id: 1,
      url: 'https://www.tiktok.com/@a/video/7400000000000000001',
      addedBy: 'Ana',
      addedAt: '2026-01-01T00:00:00.000Z',
      mp4Url: '/media/7400000000000000001.mp4',
      title: 'A </script><!-- title & more \u2028',
      author: { uniqueId: 'a', nickname: 'A' },
      duration: 6,
    },
    {
      id: 2,
      url: 'https://www.tiktok.com/@a/video/7400000000000000002',
      addedBy: 'Bo',
      addedAt: '2026-01-01T00:00:01.000Z',
      isProcessing: false,
      error: { code: 'VIDEO_PRIVATE', message: 'private' },
    },
  ],
  messages: [{ id: 1, user: 'Ana', userId: 'u1', text: 'hi', timestamp: '2026-01-01T00:00:00Z' }],
  currentVideoIndex: 0,
  playing: true,
  currentTime: 3,
  users: [{ id: 'u1', name: 'Ana' }],
  createdAt: 0,
  lastActivity: 0,
  playback: { playing: true, position: 2, updatedAt: 9_000, rate: 1, epoch: 4 },
  serverTime: 10_000,
  player,
  loop: 'off',
  autoplay: true,
};

/** The snapshot's JSON with one part replaced. */
function tampered(change: (value: Record<string, unknown>) => void): string {
  const value: unknown = JSON.parse(JSON.stringify(snapshot));
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  const record: Record<string, unknown> = { ...value };
  change(record);
  return JSON.stringify(record);
}

describe('parseRoomPreview', () => {
  it('reads the snapshot as the server embeds it, escapes included', () => {
    const preview = parseRoomPreview(snapshotJson(snapshot));
    expect(preview).toMatchObject({
      queue: snapshot.queue,
      currentVideoIndex: 0,
      messages: snapshot.messages,
      users: snapshot.users,
      player,
      serverTime: 10_000,
      loop: 'off',
      autoplay: true,
    });
  });

  it('refuses JSON that is not a snapshot, without throwing', () => {
    expect(parseRoomPreview('{"queue": [')).toBeUndefined();
    expect(parseRoomPreview('null')).toBeUndefined();
    expect(parseRoomPreview('[]')).toBeUndefined();
    expect(parseRoomPreview('"room"')).toBeUndefined();
  });

  it('refuses a snapshot with a field of the wrong type, however deep', () => {
    const cases: ((value: Record<string, unknown>) => void)[] = [
      (v) => delete v.player,
      (v) => (v.serverTime = '10000'),
      (v) => (v.loop = 'sometimes'),
      (v) => (v.queue = [{ id: 1 }]),
      (v) => (v.queue = [{ ...snapshot.queue[0], mp4Url: 7 }]),
      (v) => (v.queue = [{ ...snapshot.queue[1], error: { code: 'NOPE', message: 'x' } }]),
      (v) => (v.users = [{ id: 'u1' }]),
      (v) => (v.messages = {}),
      (v) => (v.player = { ...player, next: { index: 1, itemId: 2 } }),
      (v) => (v.player = { ...player, gate: 'open' }),
      (v) => (v.countdownEndsAt = null),
    ];
    for (const change of cases) expect(parseRoomPreview(tampered(change))).toBeUndefined();
  });

  it('accepts fields it does not know (a newer server)', () => {
    expect(parseRoomPreview(tampered((v) => (v.somethingNew = [1, 2])))).toBeDefined();
  });
});

describe('readRoomPreview', () => {
  const doc = (text: string | null | undefined) => ({
    getElementById: (id: string) =>
      id === ROOM_SNAPSHOT_ELEMENT_ID && text !== undefined ? { textContent: text } : null,
  });

  it('reads the element the server puts in the page', () => {
    expect(readRoomPreview(doc(snapshotJson(snapshot)))?.player).toEqual(player);
  });

  it('is undefined without the element (a new room, `/`), or with nothing valid in it', () => {
    expect(readRoomPreview(doc(undefined))).toBeUndefined();
    expect(readRoomPreview(doc(null))).toBeUndefined();
    expect(readRoomPreview(doc(''))).toBeUndefined();
    expect(readRoomPreview(doc('<not json>'))).toBeUndefined();
  });
});
