import { describe, expect, it } from 'vitest';
import { apply, type Command, type RoomState } from '../src/index.js';
import { deepFreeze, must, refusal, room, step, T0, withDuration } from './builders.js';

const LATER = T0 + 10_000;

/** Ids of the queue in order. */
function ids(state: RoomState): number[] {
  return state.queue.map((item) => item.id);
}

/** Five queued clips (ids 1-5), each 30 s long, the third one (id 3) playing. */
function playingThird(): RoomState {
  let state = room({ members: ['Alice', 'Bob'], videos: 5 });
  for (let id = 1; id <= 5; id++) state = withDuration(state, id, 30);
  state = step(state, { type: 'changeVideo', userId: 'u1', index: 2 });
  return step(state, { type: 'play', userId: 'u1', time: 0 });
}

function run(state: RoomState, command: Command) {
  return must(apply(deepFreeze(state), command, LATER));
}

describe('moveVideo', () => {
  it('moves an entry by id; the playing clip stays current and keeps playing', () => {
    const before = playingThird();
    const result = run(before, { type: 'moveVideo', userId: 'u2', itemId: 5, toIndex: 0 });

    expect(ids(result.state)).toEqual([5, 1, 2, 3, 4]);
    expect(result.state.currentVideoIndex).toBe(3);
    expect(result.state.playback).toEqual(before.playback);
    expect(result.effects.map((e) => e.type)).toEqual([
      'update_queue',
      'update_index',
      'player_state',
    ]);
    expect(result.effects[0]).toEqual({
      type: 'update_queue',
      queue: result.state.queue,
      change: { kind: 'queue_order', itemIds: [5, 1, 2, 3, 4] },
    });
    expect(result.effects[1]).toEqual({ type: 'update_index', index: 3 });
    expect(result.reply).toEqual({ type: 'order', queue: result.state.queue, index: 3 });
  });

  it('moving the current clip itself moves the index with it', () => {
    const result = run(playingThird(), { type: 'moveVideo', userId: 'u1', itemId: 3, toIndex: 4 });
    expect(ids(result.state)).toEqual([1, 2, 4, 5, 3]);
    expect(result.state.currentVideoIndex).toBe(4);
    expect(result.state.queue[4]?.id).toBe(3);
  });

  it('a move behind the current clip changes what plays next: player_state announces it', () => {
    const before = playingThird();
    const result = run(before, { type: 'moveVideo', userId: 'u1', itemId: 5, toIndex: 3 });
    expect(ids(result.state)).toEqual([1, 2, 3, 5, 4]);
    expect(result.effects.map((e) => e.type)).toEqual(['update_queue', 'player_state']);
    const state = result.effects[1];
    expect(state?.type === 'player_state' && state.state.next?.itemId).toBe(5);
  });

  it('a move that changes neither index nor the next clip sends only the order', () => {
    const result = run(playingThird(), { type: 'moveVideo', userId: 'u1', itemId: 1, toIndex: 1 });
    expect(ids(result.state)).toEqual([2, 1, 3, 4, 5]);
    expect(result.effects.map((e) => e.type)).toEqual(['update_queue']);
  });

  it('to its own place: nothing changes', () => {
    const before = playingThird();
    const result = run(before, { type: 'moveVideo', userId: 'u1', itemId: 2, toIndex: 1 });
    expect(result.state).toBe(before);
    expect(result.effects).toEqual([]);
  });

  it('refuses a non-member, an unknown item and a position past the end', () => {
    const state = playingThird();
    expect(
      refusal(apply(state, { type: 'moveVideo', userId: 'x', itemId: 1, toIndex: 0 }, LATER)).code,
    ).toBe('NOT_IN_ROOM');
    expect(
      refusal(apply(state, { type: 'moveVideo', userId: 'u1', itemId: 99, toIndex: 0 }, LATER))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(apply(state, { type: 'moveVideo', userId: 'u1', itemId: 1, toIndex: 5 }, LATER)).code,
    ).toBe('INDEX_OUT_OF_RANGE');
  });
});

describe('playNext', () => {
  it('puts the entry right after the playing clip and announces it as next', () => {
    const result = run(playingThird(), { type: 'playNext', userId: 'u2', itemId: 1 });
    expect(ids(result.state)).toEqual([2, 3, 1, 4, 5]);
    expect(result.state.currentVideoIndex).toBe(1);
    const state = result.effects.find((e) => e.type === 'player_state');
    expect(state?.type === 'player_state' && state.state.next?.itemId).toBe(1);
  });

  it('an entry that already plays next, or the playing clip itself: nothing changes', () => {
    const before = playingThird();
    expect(run(before, { type: 'playNext', userId: 'u1', itemId: 4 }).state).toBe(before);
    expect(run(before, { type: 'playNext', userId: 'u1', itemId: 3 }).state).toBe(before);
  });

  it('refuses an unknown item', () => {
    expect(
      refusal(apply(playingThird(), { type: 'playNext', userId: 'u1', itemId: 42 }, LATER)).code,
    ).toBe('NOT_FOUND');
  });
});

describe('shuffleQueue', () => {
  it('the playing clip goes first; the rest follow in the order the edge drew', () => {
    const before = playingThird();
    // Fisher-Yates over [1, 2, 4, 5]: i=3 swaps with 0 -> [5, 2, 4, 1], i=2 stays,
    // i=1 swaps with 0 -> [2, 5, 4, 1].
    const result = run(before, { type: 'shuffleQueue', userId: 'u2', randoms: [0, 0.9, 0] });
    expect(ids(result.state)).toEqual([3, 2, 5, 4, 1]);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toEqual(before.playback);
    expect(result.effects.map((e) => e.type)).toEqual([
      'update_queue',
      'update_index',
      'player_state',
      'system_message',
    ]);
    const line = result.effects[3];
    expect(line?.type === 'system_message' && line.message.text).toBe('Bob shuffled the queue');
  });

  it('is a pure function of the draws: the same draws give the same order', () => {
    const state = playingThird();
    const draws = [0.42, 0.17, 0.99];
    expect(ids(run(state, { type: 'shuffleQueue', userId: 'u1', randoms: draws }).state)).toEqual(
      ids(run(state, { type: 'shuffleQueue', userId: 'u1', randoms: draws }).state),
    );
  });

  it('keeps every entry exactly once whatever the draws', () => {
    const state = playingThird();
    for (const draws of [[], [0.999, 0.999, 0.999], [0.5, 0.25, 0.75, 0.1, 0.3]]) {
      const shuffled = run(state, { type: 'shuffleQueue', userId: 'u1', randoms: draws }).state;
      expect([...ids(shuffled)].sort()).toEqual([1, 2, 3, 4, 5]);
      expect(shuffled.queue[shuffled.currentVideoIndex]?.id).toBe(3);
    }
  });

  it('refuses a non-member', () => {
    expect(
      refusal(apply(playingThird(), { type: 'shuffleQueue', userId: 'x', randoms: [] }, LATER))
        .code,
    ).toBe('NOT_IN_ROOM');
  });
});

describe('clearQueue', () => {
  it('keepCurrent: only the playing clip stays, still playing', () => {
    const before = playingThird();
    const result = run(before, { type: 'clearQueue', userId: 'u1', keepCurrent: true });
    expect(ids(result.state)).toEqual([3]);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toEqual(before.playback);
    expect(result.effects[0]).toEqual({
      type: 'update_queue',
      queue: result.state.queue,
      change: { kind: 'queue_order', itemIds: [3] },
    });
    const line = result.effects.at(-1);
    expect(line?.type === 'system_message' && line.message.text).toBe(
      'Alice cleared the rest of the queue',
    );
  });

  it('without keepCurrent: the queue empties and playback stops', () => {
    const before = playingThird();
    const result = run(before, { type: 'clearQueue', userId: 'u1', keepCurrent: false });
    expect(result.state.queue).toEqual([]);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback.playing).toBe(false);
    expect(result.state.playback.epoch).toBe(before.playback.epoch + 1);
    const state = result.effects.find((e) => e.type === 'player_state');
    expect(state?.type === 'player_state' && state.state.playing).toBe(false);
  });

  it('an already cleared queue: nothing changes', () => {
    const empty = room();
    expect(run(empty, { type: 'clearQueue', userId: 'u1', keepCurrent: false }).state).toBe(empty);
  });
});
