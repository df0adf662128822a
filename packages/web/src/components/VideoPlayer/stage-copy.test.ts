import type { PlayerStatePayload, VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { effectivePlayback } from '../../lib/playback-sync';
import { playerState } from '../../lib/testing/room-fixtures';
import {
  chooseOverlay,
  countdownLabel,
  endedCopy,
  listNames,
  stageNotice,
  waitingFor,
} from './stage-copy';

const state = (extra: Partial<PlayerStatePayload> = {}): PlayerStatePayload =>
  playerState(1_000, extra);
const at = (extra: Partial<PlayerStatePayload>, now = 2_000) =>
  effectivePlayback(state(extra), now, () => 10);
const item = (id: number): VideoItem => ({ id, url: `u${id}`, addedBy: 'Ana', addedAt: 'x' });

describe('chooseOverlay', () => {
  it('shows one overlay at a time: the countdown (carrying the tap), the tap, the end', () => {
    const base = { countdownVisible: false, needsTap: false, ended: false, playable: true };
    expect(chooseOverlay({ ...base, countdownVisible: true, needsTap: true })).toBe('countdown');
    expect(chooseOverlay({ ...base, needsTap: true, ended: true })).toBe('tap');
    expect(chooseOverlay({ ...base, ended: true })).toBe('ended');
    expect(chooseOverlay(base)).toBeUndefined();
    expect(chooseOverlay({ ...base, needsTap: true, playable: false })).toBeUndefined();
  });
});

describe('who the room waits for', () => {
  const users = [
    { id: 'u1', name: 'Ana' },
    { id: 'u2', name: 'Bo' },
    { id: 'u3', name: 'Cy' },
  ];

  it('names the people still loading or needing a tap, "you" for oneself', () => {
    const members = [
      { id: 'u1', status: 'buffering' as const },
      { id: 'u2', status: 'in_sync' as const },
      { id: 'u3', status: 'needs_tap' as const },
    ];
    expect(waitingFor(members, users, 'u3')).toEqual(['Ana', 'you']);
  });

  it('lists names the way people say them', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['Ana'])).toBe('Ana');
    expect(listNames(['Ana', 'Bo'])).toBe('Ana and Bo');
    expect(listNames(['Ana', 'Bo', 'Cy'])).toBe('Ana, Bo and Cy');
    expect(listNames(['Ana', 'Bo', 'Cy', 'Di'])).toBe('Ana, Bo and 2 others');
  });
});

describe('stageNotice', () => {
  it('says a start is coming, and who a held start waits for', () => {
    const notice = (playback = at({}), waiting: string[] = [], buffering = false) =>
      stageNotice({ playback, countdownVisible: false, buffering, waiting });
    expect(notice(at({ playing: true, updatedAt: 2_300 }))).toEqual({
      text: 'Starting…',
      busy: true,
    });
    expect(notice(at({ playing: true, updatedAt: 4_000, gate: 'held' }), ['Ana', 'Bo'])).toEqual({
      text: 'Waiting for Ana and Bo…',
      busy: true,
    });
    expect(notice(at({ playing: true, updatedAt: 1_000 }), [], true)?.text).toBe('Loading…');
    expect(notice(at({}))).toBeUndefined();
  });

  it('stays out of the way of a countdown', () => {
    const playback = at({ playing: true, updatedAt: 4_000 });
    expect(
      stageNotice({ playback, countdownVisible: true, buffering: false, waiting: [] }),
    ).toBeUndefined();
  });
});

describe('countdownLabel', () => {
  it('says what the server will do: start, resume where paused, or restart from 0', () => {
    expect(countdownLabel(undefined).label).toBe('Start party 3-2-1');
    expect(countdownLabel(at({ time: 0 })).label).toBe('Start party 3-2-1');
    expect(countdownLabel(at({ time: 4 })).label).toBe('Resume with 3-2-1');
    expect(countdownLabel(at({ playing: true })).label).toBe('Restart with 3-2-1');
    expect(countdownLabel(at({ time: 10 })).label).toBe('Restart with 3-2-1');
  });
});

describe('endedCopy', () => {
  it('offers the next clip when autoplay is off, the whole queue again at its end', () => {
    const queue = [item(1), item(2)];
    expect(endedCopy(queue, 0, false)).toMatchObject({ next: 1, fromTop: false });
    expect(endedCopy(queue, 1, true)).toMatchObject({
      title: 'End of the queue',
      next: undefined,
      fromTop: true,
    });
    expect(endedCopy([item(1)], 0, true).fromTop).toBe(false);
  });
});
