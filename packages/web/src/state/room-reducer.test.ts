import {
  Limits,
  type ChatMessage,
  type PlayerStatePayload,
  type RoomStateView,
  type VideoItem,
} from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import {
  currentItem,
  initialRoomView,
  mergeMessage,
  roomReducer,
  type RoomAction,
  type RoomView,
} from './room-reducer';

const item = (id: number, extra: Partial<VideoItem> = {}): VideoItem => ({
  id,
  url: `https://www.tiktok.com/@_/video/74000000000000000${String(id).padStart(2, '0')}`,
  addedBy: 'Ana',
  addedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const message = (id: number, text = `m${id}`): ChatMessage => ({
  id,
  user: 'Ana',
  userId: 'u1',
  text,
  timestamp: '2026-01-01T00:00:00.000Z',
});

const player = (extra: Partial<PlayerStatePayload> = {}): PlayerStatePayload => ({
  playing: false,
  time: 0,
  updatedAt: 1_000,
  rate: 1,
  serverTime: 1_000,
  currentVideoIndex: 0,
  epoch: 1,
  loop: 'off',
  autoplay: true,
  ...extra,
});

function roomView(extra: Partial<RoomStateView> = {}): RoomStateView {
  return {
    id: 'brave-otter-42',
    queue: [item(1), item(2)],
    messages: [message(1)],
    currentVideoIndex: 1,
    playing: true,
    currentTime: 12,
    users: [{ id: 'u1', name: 'Ana' }],
    createdAt: 0,
    lastActivity: 0,
    playback: { playing: true, position: 10, updatedAt: 8_000, rate: 1, epoch: 3 },
    serverTime: 10_000,
    player: player({
      playing: true,
      time: 10,
      updatedAt: 8_000,
      serverTime: 10_000,
      currentVideoIndex: 1,
      itemId: 2,
      epoch: 3,
      loop: 'all',
    }),
    loop: 'all',
    autoplay: false,
    ...extra,
  };
}

const run = (actions: RoomAction[], start: RoomView = initialRoomView('brave-otter-42')) =>
  actions.reduce(roomReducer, start);

describe('roomReducer', () => {
  it('starts connecting and empty', () => {
    const view = initialRoomView('r1');
    expect(view).toMatchObject({ roomId: 'r1', status: 'connecting', loaded: false, queue: [] });
    expect(currentItem(view)).toBeUndefined();
  });

  it('takes everything from room_state, its player state and settings included', () => {
    const room = roomView();
    const view = run([{ type: 'room_state', room }]);
    expect(view.loaded).toBe(true);
    expect(view.queue).toHaveLength(2);
    expect(currentItem(view)?.id).toBe(2);
    expect(view.userCount).toBe(1);
    expect(view.player).toBe(room.player);
    expect(view).toMatchObject({ loop: 'all', autoplay: false });
  });

  it('follows the settings in player_state and the members in sync_members', () => {
    const view = run([
      { type: 'player_state', state: player({ loop: 'one', autoplay: false }) },
      { type: 'sync_members', members: [{ id: 'u2', status: 'buffering', rttMs: 80 }] },
    ]);
    expect(view).toMatchObject({ loop: 'one', autoplay: false });
    expect(view.members).toEqual([{ id: 'u2', status: 'buffering', rttMs: 80 }]);
  });

  it('tracks the connection, and a refused join keeps its error until the next attempt', () => {
    const error = { code: 'PROTOCOL_MISMATCH' as const, message: 'Reload' };
    const failed = run([
      { type: 'status', status: 'joining' },
      { type: 'join_failed', error },
    ]);
    expect(failed).toMatchObject({ status: 'failed', joinError: error });
    const retried = roomReducer(failed, { type: 'status', status: 'joining' });
    expect(retried.joinError).toBeUndefined();
    const joined = roomReducer(retried, { type: 'joined', user: { id: 'u1', name: 'Ana' } });
    expect(joined).toMatchObject({ status: 'connected', self: { id: 'u1', name: 'Ana' } });
  });

  it('keeps the service notice while the server is degraded and clears it when it is back', () => {
    const degraded = run([
      { type: 'service_status', status: { degraded: true, message: 'Database away' } },
    ]);
    expect(degraded.serviceNotice).toBe('Database away');
    const back = roomReducer(degraded, {
      type: 'service_status',
      status: { degraded: false, message: 'Back to normal.' },
    });
    expect(back.serviceNotice).toBeUndefined();
  });

  it('replaces the queue and index from update_queue / update_index', () => {
    const view = run([
      { type: 'update_queue', queue: [item(1, { isProcessing: true })] },
      { type: 'update_queue', queue: [item(1, { mp4Url: '/media/1' }), item(2)] },
      { type: 'update_index', index: 1 },
    ]);
    expect(view.queue[0]?.mp4Url).toBe('/media/1');
    expect(currentItem(view)?.id).toBe(2);
  });

  it('appends chat and system lines once each, in id order, within the history bound', () => {
    const view = run([
      { type: 'new_message', message: message(2) },
      { type: 'system_message', message: { id: 1, text: 'Ana joined', timestamp: 'x' } },
      { type: 'new_message', message: message(2) },
    ]);
    expect(view.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(view.messages[0]).toMatchObject({ isSystem: true, text: 'Ana joined', user: 'system' });

    let messages: ChatMessage[] = [];
    for (let id = 1; id <= Limits.chatHistory + 5; id++)
      messages = mergeMessage(messages, message(id));
    expect(messages).toHaveLength(Limits.chatHistory);
    expect(messages[0]?.id).toBe(6);
  });

  it('follows player_state, its video index included, and ignores an older one', () => {
    const newer = player({ playing: true, time: 5, serverTime: 2_000, currentVideoIndex: 1 });
    const view = run([
      { type: 'player_state', state: newer },
      { type: 'player_state', state: player({ serverTime: 1_500 }) },
    ]);
    expect(view.player).toBe(newer);
    expect(view.currentVideoIndex).toBe(1);
  });

  it('runs a countdown from start_countdown to the scheduled player_state', () => {
    const started = run([{ type: 'start_countdown', seconds: 3, serverNow: 10_000 }]);
    expect(started.countdownEndsAt).toBe(13_000);
    const scheduled = roomReducer(started, {
      type: 'player_state',
      state: player({ playing: true, updatedAt: 13_020, serverTime: 10_010 }),
    });
    expect(scheduled.countdownEndsAt).toBe(13_020);
    // Someone pauses during the countdown: it is over.
    const paused = roomReducer(scheduled, {
      type: 'player_state',
      state: player({ playing: false, updatedAt: 11_000, serverTime: 11_000 }),
    });
    expect(paused.countdownEndsAt).toBeUndefined();
  });

  it('takes the exact end when player_state came before start_countdown', () => {
    const view = run([
      {
        type: 'player_state',
        state: player({ playing: true, updatedAt: 13_000, serverTime: 10_000 }),
      },
      { type: 'start_countdown', seconds: 3, serverNow: 10_050 },
    ]);
    expect(view.countdownEndsAt).toBe(13_000);
  });

  it('does not mistake a later scheduled play for a countdown', () => {
    const view = run([
      { type: 'start_countdown', seconds: 3, serverNow: 10_000 },
      {
        type: 'player_state',
        state: player({ playing: true, updatedAt: 13_000, serverTime: 10_000 }),
      },
      {
        type: 'player_state',
        state: player({ playing: true, updatedAt: 20_300, serverTime: 20_000 }),
      },
    ]);
    expect(view.countdownEndsAt).toBeUndefined();
  });

  it('picks up a countdown in progress from room_state', () => {
    const view = run([{ type: 'room_state', room: roomView({ countdownEndsAt: 12_000 }) }]);
    expect(view.countdownEndsAt).toBe(12_000);
  });

  it('keeps users, count and our own name current', () => {
    const view = run([
      { type: 'joined', user: { id: 'u1', name: 'Ana' } },
      {
        type: 'room_users',
        users: [
          { id: 'u1', name: 'Ana B' },
          { id: 'u2', name: 'Bo' },
        ],
      },
    ]);
    expect(view.self?.name).toBe('Ana B');
    expect(view.userCount).toBe(2);
    expect(roomReducer(view, { type: 'room_users_count', count: 3 }).userCount).toBe(3);
    expect(roomReducer(view, { type: 'renamed', user: { id: 'u1', name: 'Cy' } }).self?.name).toBe(
      'Cy',
    );
  });
});

describe('room_preview (the snapshot the page carried)', () => {
  const room = roomView();

  it('shows the room at once, honest that we have not joined', () => {
    const view = roomReducer(initialRoomView('brave-otter-42'), { type: 'room_preview', room });
    expect(view).toMatchObject({
      status: 'connecting',
      preview: true,
      loaded: false,
      self: undefined,
      queue: room.queue,
      player: room.player,
      currentVideoIndex: 1,
      userCount: 1,
    });
  });

  it('gives way to the join: room_state replaces it, and a late preview changes nothing', () => {
    const previewed = roomReducer(initialRoomView('brave-otter-42'), {
      type: 'room_preview',
      room: roomView({ queue: [item(1)] }),
    });
    const joined = roomReducer(previewed, { type: 'room_state', room });
    expect(joined).toMatchObject({ preview: false, loaded: true, queue: room.queue });
    expect(roomReducer(joined, { type: 'room_preview', room: roomView({ queue: [] }) })).toBe(
      joined,
    );
  });
});

const reduce = (view: RoomView, ...actions: RoomAction[]): RoomView =>
  actions.reduce(roomReducer, view);

describe('roomReducer: protocol 3 changes', () => {
  const joined = (): RoomView =>
    reduce(initialRoomView('r'), { type: 'joined', user: { id: 'u1', name: 'Ana' } });

  it('builds the same room from small changes as from whole lists', () => {
    const fromChanges = reduce(joined(), {
      type: 'changes',
      serverNow: 1_000,
      changes: [
        { kind: 'member_joined', user: { id: 'u1', name: 'Ana' } },
        { kind: 'member_joined', user: { id: 'u2', name: 'Bo' } },
        { kind: 'member_joined', user: { id: 'u2', name: 'Bo' } },
        { kind: 'member_renamed', user: { id: 'u1', name: 'Anna' } },
        { kind: 'item_added', item: item(1, { isProcessing: true }) },
        { kind: 'item_added', item: item(2) },
        { kind: 'item_updated', item: item(1, { isProcessing: false, title: 'T' }) },
        { kind: 'item_removed', itemId: 2 },
        { kind: 'message', message: message(1) },
        { kind: 'index', index: 0 },
      ],
    });
    const fromLists = reduce(
      joined(),
      {
        type: 'room_users',
        users: [
          { id: 'u1', name: 'Anna' },
          { id: 'u2', name: 'Bo' },
        ],
      },
      { type: 'update_queue', queue: [item(1, { isProcessing: false, title: 'T' })] },
      { type: 'new_message', message: message(1) },
      { type: 'update_index', index: 0 },
    );
    expect(fromChanges).toEqual(fromLists);
    expect(fromChanges.self).toEqual({ id: 'u1', name: 'Anna' });
    expect(fromChanges.userCount).toBe(2);

    const left = reduce(fromChanges, {
      type: 'changes',
      serverNow: 1_000,
      changes: [{ kind: 'member_left', userId: 'u2' }],
    });
    expect(left.users).toEqual([{ id: 'u1', name: 'Anna' }]);
    expect(left.userCount).toBe(1);
  });

  it('queue_order reorders by id and drops entries not listed, as update_queue would', () => {
    const filled = reduce(joined(), {
      type: 'changes',
      serverNow: 1_000,
      changes: [1, 2, 3, 4].map((id) => ({ kind: 'item_added' as const, item: item(id) })),
    });
    const moved = reduce(filled, {
      type: 'changes',
      serverNow: 1_000,
      changes: [
        { kind: 'queue_order', itemIds: [4, 1, 3] },
        { kind: 'index', index: 2 },
      ],
    });
    const fromLists = reduce(
      filled,
      { type: 'update_queue', queue: [item(4), item(1), item(3)] },
      { type: 'update_index', index: 2 },
    );
    expect(moved).toEqual(fromLists);
  });
});
