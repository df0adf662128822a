import type { ChatMessage } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { ActivityRules, applyWithActivity, type Command, type RoomState } from '../src/index.js';
import { must, room, T0, withDuration } from './builders.js';

function act(state: RoomState, command: Command, now = T0): RoomState {
  return must(applyWithActivity(state, command, now)).state;
}

function activityLines(state: RoomState): ChatMessage[] {
  return state.messages.filter((message) => message.activity !== undefined);
}

function lastLine(state: RoomState): ChatMessage | undefined {
  return activityLines(state).at(-1);
}

describe('activity lines', () => {
  it('says who pressed play and paused, as system lines that carry who did it', () => {
    const start = room({ members: ['Ana', 'Bo'], videos: 1 });
    const playing = act(start, { type: 'play', userId: 'u2', time: 0 });
    expect(lastLine(playing)).toMatchObject({
      isSystem: true,
      user: 'system',
      text: 'Bo pressed play',
      activity: { kind: 'play', userId: 'u2' },
    });
    const result = must(applyWithActivity(playing, { type: 'pause', userId: 'u1', time: 83 }, T0));
    expect(lastLine(result.state)?.text).toBe('Ana paused at 1:23');
    // The line travels as the seed's system_message, with the activity as an addition.
    expect(result.effects.at(-1)).toEqual({
      type: 'system_message',
      message: {
        id: result.state.messages.at(-1)?.id,
        text: 'Ana paused at 1:23',
        timestamp: new Date(T0).toISOString(),
        activity: { kind: 'pause', userId: 'u1' },
      },
    });
  });

  it('says nothing for a play that changes nothing or a refused command', () => {
    const playing = act(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 0 });
    const again = act(playing, { type: 'play', userId: 'u1', time: 0 });
    expect(activityLines(again)).toHaveLength(1);
    const refused = applyWithActivity(playing, { type: 'play', userId: 'stranger', time: 0 }, T0);
    expect(refused.ok).toBe(false);
  });

  it('tells a skip to the next clip from a switch to another one, by title', () => {
    let state = room({ members: ['Ana'], videos: 3 });
    state = withDuration(state, 1, 10);
    const skipped = act(state, { type: 'changeVideo', userId: 'u1', index: 1 });
    expect(lastLine(skipped)).toMatchObject({
      text: 'Ana skipped to clip 2',
      activity: { kind: 'skip', userId: 'u1' },
    });
    const switched = act(skipped, { type: 'changeVideo', userId: 'u1', index: 0 }, T0 + 60_000);
    expect(lastLine(switched)?.text).toBe('Ana switched to clip 1');
    expect(lastLine(switched)?.activity?.kind).toBe('change');
  });

  it('says who moved a clip and who queued one to play next, by position', () => {
    const state = room({ members: ['Ana'], videos: 4 });
    const third = state.queue[2];
    if (!third) throw new Error('no item');
    const moved = act(state, { type: 'moveVideo', userId: 'u1', itemId: third.id, toIndex: 3 });
    expect(lastLine(moved)).toMatchObject({
      text: 'Ana moved clip 4 to #4',
      activity: { kind: 'reorder', userId: 'u1' },
    });
    const last = moved.queue[3];
    if (!last) throw new Error('no item');
    const next = act(moved, { type: 'playNext', userId: 'u1', itemId: last.id }, T0 + 60_000);
    expect(lastLine(next)?.text).toBe('Ana queued clip 2 to play next');
  });

  it('names a clip by its title, shortened', () => {
    let state = room({ members: ['Ana'], videos: 2 });
    const long = 'a'.repeat(100);
    const item = state.queue[1];
    if (!item?.videoId) throw new Error('no item');
    state = must(
      applyWithActivity(
        state,
        {
          type: 'videoResolved',
          itemId: item.id,
          outcome: {
            ok: true,
            videoId: item.videoId,
            url: item.url,
            mp4Url: undefined,
            embedUrl: 'https://www.tiktok.com/player/v1/1',
            title: long,
          },
        },
        T0,
      ),
    ).state;
    const removed = act(state, { type: 'removeVideo', userId: 'u1', index: 1 });
    const text = lastLine(removed)?.text ?? '';
    expect(text.startsWith('Ana removed “aaa')).toBe(true);
    expect(text.endsWith('…”')).toBe(true);
    expect(text.length).toBeLessThan(ActivityRules.titleMaxLength + 20);
    expect(lastLine(removed)?.activity).toEqual({ kind: 'remove', userId: 'u1' });
  });

  it('says who added a clip', () => {
    const state = act(room({ members: ['Ana', 'Bo'] }), {
      type: 'addVideo',
      userId: 'u2',
      url: 'https://www.tiktok.com/@x/video/7000000000000000001',
    });
    expect(lastLine(state)).toMatchObject({
      text: 'Bo added a clip to the queue',
      activity: { kind: 'add', userId: 'u2' },
    });
  });

  it('folds a burst of seeks by one person into their first line', () => {
    let state = room({ members: ['Ana', 'Bo'], videos: 1 });
    for (let i = 0; i < 10; i++) {
      state = act(state, { type: 'seek', userId: 'u1', time: i * 3 }, T0 + i * 300);
    }
    expect(activityLines(state).map((line) => line.text)).toEqual(['Ana jumped to 0:00']);
    // Someone else's seek is news, and so is Ana's after a quiet moment.
    state = act(state, { type: 'seek', userId: 'u2', time: 40 }, T0 + 3_100);
    state = act(
      state,
      { type: 'seek', userId: 'u1', time: 50 },
      T0 + 3_100 + ActivityRules.burstMs,
    );
    expect(activityLines(state).map((line) => line.text)).toEqual([
      'Ana jumped to 0:00',
      'Bo jumped to 0:40',
      'Ana jumped to 0:50',
    ]);
  });

  it('caps one person’s lines per window, so toggling play and pause cannot flood the chat', () => {
    let state = room({ members: ['Ana'], videos: 1 });
    for (let i = 0; i < 20; i++) {
      const type = i % 2 === 0 ? 'play' : 'pause';
      state = act(state, { type, userId: 'u1', time: 0 }, T0 + i * 100);
    }
    expect(activityLines(state)).toHaveLength(ActivityRules.burstLines);
    const later = act(
      state,
      { type: 'play', userId: 'u1', time: 0 },
      T0 + 2_000 + ActivityRules.burstMs,
    );
    expect(activityLines(later)).toHaveLength(ActivityRules.burstLines + 1);
  });

  it('writes no line for what no person did (the end of a clip, a resolve)', () => {
    const state = room({ videos: 1 });
    const join = must(applyWithActivity(state, { type: 'join', userId: 'u9', name: 'Cy' }, T0));
    expect(join.state.messages.at(-1)?.activity).toBeUndefined();
    expect(join.state.messages.at(-1)?.text).toBe('Cy joined');
  });
});
