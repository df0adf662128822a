import { ErrorCode, Limits } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, toView, type RoomState } from '../src/index.js';
import { must, refusal, room, step, T0, withDuration } from './builders.js';

const NOW = T0 + 10_000;
const COUNTDOWN_MS = Limits.countdownSeconds * 1000;

type Action = 'play' | 'pause' | 'seek';

function control(state: RoomState, type: Action, time: number, now = NOW, userId = 'u1') {
  return apply(state, { type, userId, time }, now);
}

describe('play, pause and seek: refusals', () => {
  it.each<Action>(['play', 'pause', 'seek'])('%s: NO_VIDEO on an empty queue', (type) => {
    const error = refusal(control(room(), type, 1));
    expect(error.code).toBe(ErrorCode.NO_VIDEO);
  });

  it.each<Action>(['play', 'pause', 'seek'])('%s: NOT_IN_ROOM for a non-member', (type) => {
    expect(refusal(control(room({ videos: 1 }), type, 1, NOW, 'stranger')).code).toBe(
      ErrorCode.NOT_IN_ROOM,
    );
    expect(refusal(control(room(), type, 1, NOW, 'stranger')).code).toBe(ErrorCode.NOT_IN_ROOM);
  });
});

describe('play, pause and seek', () => {
  it('play sets {playing: true, position, updatedAt: now} and broadcasts the player state', () => {
    const state = room({ videos: 2 });
    const result = must(control(state, 'play', 12.5));
    const payload = {
      playing: true,
      time: 12.5,
      updatedAt: NOW,
      rate: 1,
      serverTime: NOW,
      currentVideoIndex: 0,
      itemId: 1,
      epoch: 1,
      loop: 'off',
      autoplay: true,
    };

    expect(result.state.playback).toEqual({
      playing: true,
      position: 12.5,
      updatedAt: NOW,
      rate: 1,
      epoch: 1,
    });
    expect(result.state.lastActivity).toBe(NOW);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.effects).toEqual([{ type: 'player_state', state: payload }]);
    expect(result.reply).toEqual({ type: 'playerState', state: payload });
  });

  it('pause sets {playing: false, position, updatedAt: now}', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 0 }, T0);
    const result = must(control(state, 'pause', 9.75));

    expect(result.state.playback).toEqual({
      playing: false,
      position: 9.75,
      updatedAt: NOW,
      rate: 1,
      epoch: 2,
    });
    expect(result.effects).toEqual([
      {
        type: 'player_state',
        state: {
          playing: false,
          time: 9.75,
          updatedAt: NOW,
          rate: 1,
          serverTime: NOW,
          currentVideoIndex: 0,
          itemId: 1,
          epoch: 2,
          loop: 'off',
          autoplay: true,
        },
      },
    ]);
  });

  it('any member may control playback', () => {
    const state = room({ members: ['Alice', 'Bob'], videos: 1 });
    expect(must(control(state, 'play', 3, NOW, 'u2')).state.playback.playing).toBe(true);
  });

  it('reports the current video index in the player state', () => {
    const state = step(room({ videos: 3 }), { type: 'changeVideo', userId: 'u1', index: 2 });
    const result = must(control(state, 'play', 1));
    expect(result.effects).toEqual([
      {
        type: 'player_state',
        state: {
          playing: true,
          time: 1,
          updatedAt: NOW,
          rate: 1,
          serverTime: NOW,
          currentVideoIndex: 2,
          itemId: 3,
          epoch: 2,
          loop: 'off',
          autoplay: true,
        },
      },
    ]);
  });

  it.each([
    ['while playing', true],
    ['while paused', false],
  ])('seek %s keeps the playing flag and emits player_seek', (_label, playing) => {
    const state = step(room({ videos: 1 }), {
      type: playing ? 'play' : 'pause',
      userId: 'u1',
      time: 4,
    });
    const result = must(control(state, 'seek', 30));

    expect(result.state.playback).toEqual({
      playing,
      position: 30,
      updatedAt: NOW,
      rate: 1,
      epoch: 2,
    });
    const state30 = {
      playing,
      time: 30,
      updatedAt: NOW,
      rate: 1,
      serverTime: NOW,
      currentVideoIndex: 0,
      itemId: 1,
      epoch: 2,
      loop: 'off',
      autoplay: true,
    };
    expect(result.effects).toEqual([
      { type: 'player_state', state: state30 },
      { type: 'player_seek', time: 30 },
    ]);
    expect(result.reply).toEqual({ type: 'playerState', state: state30 });
  });

  it('keeps the playback rate', () => {
    const base = room({ videos: 1 });
    const state: RoomState = { ...base, playback: { ...base.playback, rate: 2 } };
    expect(must(control(state, 'play', 1)).state.playback.rate).toBe(2);
    expect(must(control(state, 'seek', 1)).state.playback.rate).toBe(2);
  });
});

describe('positions are clamped to a known duration', () => {
  const known = (): RoomState => withDuration(room({ videos: 2 }), 1, 30);

  it.each<Action>(['play', 'pause', 'seek'])('%s past the end lands on the end', (type) => {
    const result = must(control(known(), type, 45));
    expect(result.state.playback.position).toBe(30);
    expect(result.effects[0]).toMatchObject({ type: 'player_state', state: { time: 30 } });
  });

  it('seek past the end emits player_seek to the end', () => {
    const result = must(control(known(), 'seek', 1_000));
    expect(result.effects).toContainEqual({ type: 'player_seek', time: 30 });
  });

  it('a position inside the video, or exactly at its end, is kept', () => {
    expect(must(control(known(), 'seek', 29.5)).state.playback.position).toBe(29.5);
    expect(must(control(known(), 'seek', 30)).state.playback.position).toBe(30);
    expect(must(control(known(), 'seek', 0)).state.playback.position).toBe(0);
  });

  it('is not clamped while the duration is unknown', () => {
    const result = must(control(room({ videos: 1 }), 'seek', 5_000));
    expect(result.state.playback.position).toBe(5_000);
  });

  it("uses the current video's duration, not another's", () => {
    const state = step(known(), { type: 'changeVideo', userId: 'u1', index: 1 });
    expect(must(control(state, 'seek', 45)).state.playback.position).toBe(45);
  });
});

describe('position extrapolation (toView.currentTime)', () => {
  it('advances with the clock while playing', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 10 }, NOW);
    expect(toView(state, NOW).currentTime).toBe(10);
    expect(toView(state, NOW + 2_500).currentTime).toBe(12.5);
    expect(toView(state, NOW + 60_000).currentTime).toBe(70);
  });

  it('scales with the rate', () => {
    const played = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 10 }, NOW);
    const state: RoomState = { ...played, playback: { ...played.playback, rate: 2 } };
    expect(toView(state, NOW + 1_500).currentTime).toBe(13);
  });

  it('stays put while paused', () => {
    const state = step(room({ videos: 1 }), { type: 'pause', userId: 'u1', time: 10 }, NOW);
    expect(toView(state, NOW + 60_000).currentTime).toBe(10);
  });

  it('does not run backwards for a clock behind updatedAt', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 10 }, NOW);
    expect(toView(state, NOW - 5_000).currentTime).toBe(10);
  });
});

describe('requestCountdown', () => {
  it('NOT_IN_ROOM for a non-member and NO_VIDEO on an empty queue', () => {
    const stranger = apply(room({ videos: 1 }), { type: 'requestCountdown', userId: 'x' }, NOW);
    expect(refusal(stranger).code).toBe(ErrorCode.NOT_IN_ROOM);
    const empty = apply(room(), { type: 'requestCountdown', userId: 'u1' }, NOW);
    expect(refusal(empty).code).toBe(ErrorCode.NO_VIDEO);
  });

  it('starts a countdown and schedules playback for when it ends', () => {
    const state = step(room({ videos: 2 }), { type: 'pause', userId: 'u1', time: 7 }, T0);
    const result = must(apply(state, { type: 'requestCountdown', userId: 'u1' }, NOW));
    const endsAt = NOW + COUNTDOWN_MS;

    expect(result.state.countdownEndsAt).toBe(endsAt);
    expect(result.state.playback).toEqual({
      playing: true,
      position: 7,
      updatedAt: endsAt,
      rate: 1,
      epoch: 2,
    });
    expect(result.state.lastActivity).toBe(NOW);
    expect(result.effects).toEqual([
      { type: 'start_countdown', seconds: Limits.countdownSeconds },
      {
        type: 'player_state',
        state: {
          playing: true,
          time: 7,
          updatedAt: endsAt,
          rate: 1,
          serverTime: NOW,
          currentVideoIndex: 0,
          itemId: 1,
          epoch: 2,
          loop: 'off',
          autoplay: true,
        },
      },
      {
        type: 'system_message',
        message: {
          id: result.state.nextMessageId - 1,
          text: 'Alice started a countdown',
          timestamp: new Date(NOW).toISOString(),
        },
      },
    ]);
    expect(result.state.messages.at(-1)).toMatchObject({
      user: 'system',
      text: 'Alice started a countdown',
      isSystem: true,
    });
    expect(result.reply).toEqual({ type: 'countdown', seconds: Limits.countdownSeconds, endsAt });
  });

  it('restarts a playing clip from its start, so everyone sees the first frame on Go', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 10 }, NOW - 2_000);
    const result = must(apply(state, { type: 'requestCountdown', userId: 'u1' }, NOW));
    expect(result.state.playback.position).toBe(0);
    expect(result.state.playback.updatedAt).toBe(NOW + COUNTDOWN_MS);
  });

  it('restarts an ended clip from 0 and starts a paused one where it is', () => {
    /** An 8 s clip after `command`, with a countdown asked for at `now`. */
    const countdownAfter = (action: 'play' | 'pause', time: number, now = NOW) => {
      const state = step(withDuration(room({ videos: 1 }), 1, 8), {
        type: action,
        userId: 'u1',
        time,
      });
      return must(apply(state, { type: 'requestCountdown', userId: 'u1' }, now)).state.playback;
    };
    expect(countdownAfter('pause', 8)).toMatchObject({ playing: true, position: 0 });
    expect(countdownAfter('pause', 3.5)).toMatchObject({ playing: true, position: 3.5 });
    // A clip that played to its end while the room was playing restarts too.
    expect(countdownAfter('play', 0, T0 + 60_000)).toMatchObject({ playing: true, position: 0 });
  });

  it('holds the position during the countdown and plays from its end', () => {
    const state = step(
      step(room({ videos: 1 }), { type: 'pause', userId: 'u1', time: 5 }, T0),
      { type: 'requestCountdown', userId: 'u1' },
      NOW,
    );
    expect(toView(state, NOW + 1_000).currentTime).toBe(5);
    expect(toView(state, NOW + COUNTDOWN_MS).currentTime).toBe(5);
    expect(toView(state, NOW + COUNTDOWN_MS + 4_000).currentTime).toBe(9);
  });

  it('a second request while one runs is a no-op with the same end time', () => {
    const first = step(room({ videos: 1 }), { type: 'requestCountdown', userId: 'u1' }, NOW);
    const again = must(
      apply(first, { type: 'requestCountdown', userId: 'u1' }, NOW + COUNTDOWN_MS - 1),
    );

    expect(again.state).toBe(first);
    expect(again.effects).toEqual([]);
    expect(again.reply).toEqual({
      type: 'countdown',
      seconds: Limits.countdownSeconds,
      endsAt: NOW + COUNTDOWN_MS,
    });
  });

  it.each([
    ['exactly when the previous one ends', 0],
    ['after the previous one ended', 60_000],
  ])('a new one can start %s', (_label, after) => {
    const first = step(room({ videos: 1 }), { type: 'requestCountdown', userId: 'u1' }, NOW);
    const later = NOW + COUNTDOWN_MS + after;
    const result = must(apply(first, { type: 'requestCountdown', userId: 'u1' }, later));

    expect(result.state.countdownEndsAt).toBe(later + COUNTDOWN_MS);
    expect(result.effects[0]).toEqual({
      type: 'start_countdown',
      seconds: Limits.countdownSeconds,
    });
    expect(result.reply).toEqual({
      type: 'countdown',
      seconds: Limits.countdownSeconds,
      endsAt: later + COUNTDOWN_MS,
    });
    // The first countdown's playback was running: the new one restarts it from 0.
    expect(result.state.playback.position).toBe(0);
  });

  it.each([
    ['play', { type: 'play', userId: 'u1', time: 2 }],
    ['pause', { type: 'pause', userId: 'u1', time: 2 }],
    ['changeVideo', { type: 'changeVideo', userId: 'u1', index: 1 }],
  ] as const)('%s cancels a running countdown', (_label, command) => {
    const counting = step(room({ videos: 2 }), { type: 'requestCountdown', userId: 'u1' }, NOW);
    expect(toView(counting, NOW + 1).countdownEndsAt).toBe(NOW + COUNTDOWN_MS);

    const result = must(apply(counting, command, NOW + 1_000));
    expect(result.state).not.toHaveProperty('countdownEndsAt');
    expect(toView(result.state, NOW + 1_001)).not.toHaveProperty('countdownEndsAt');
    expect(result.state.playback.updatedAt).toBe(NOW + 1_000);

    const restarted = must(
      apply(result.state, { type: 'requestCountdown', userId: 'u1' }, NOW + 1_500),
    );
    expect(restarted.state.countdownEndsAt).toBe(NOW + 1_500 + COUNTDOWN_MS);
  });

  it('a seek during a countdown moves the start position but keeps the schedule', () => {
    const counting = step(room({ videos: 1 }), { type: 'requestCountdown', userId: 'u1' }, NOW);
    const endsAt = NOW + COUNTDOWN_MS;
    const result = must(apply(counting, { type: 'seek', userId: 'u1', time: 20 }, NOW + 1_000));

    expect(result.state.countdownEndsAt).toBe(endsAt);
    expect(result.state.playback).toEqual({
      playing: true,
      position: 20,
      updatedAt: endsAt,
      rate: 1,
      epoch: 2,
    });
    expect(result.effects).toEqual([
      {
        type: 'player_state',
        state: {
          playing: true,
          time: 20,
          updatedAt: endsAt,
          rate: 1,
          serverTime: NOW + 1_000,
          currentVideoIndex: 0,
          itemId: 1,
          epoch: 2,
          loop: 'off',
          autoplay: true,
        },
      },
      { type: 'player_seek', time: 20 },
    ]);
    // Nothing plays before the countdown ends.
    expect(toView(result.state, endsAt - 1).currentTime).toBe(20);
    expect(toView(result.state, endsAt + 1_000).currentTime).toBe(21);
    expect(toView(result.state, NOW + 1_001).countdownEndsAt).toBe(endsAt);
  });

  it('a seek after a countdown has ended is an ordinary seek', () => {
    const counting = step(room({ videos: 1 }), { type: 'requestCountdown', userId: 'u1' }, NOW);
    const after = NOW + COUNTDOWN_MS + 500;
    const result = must(apply(counting, { type: 'seek', userId: 'u1', time: 20 }, after));
    expect(result.state.playback).toEqual({
      playing: true,
      position: 20,
      updatedAt: after,
      rate: 1,
      epoch: 2,
    });
    expect(result.state).not.toHaveProperty('countdownEndsAt');
  });
});
