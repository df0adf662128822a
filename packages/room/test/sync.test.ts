import { describe, expect, it } from 'vitest';
import {
  apply,
  gateDecisionMs,
  isIdle,
  leadTimeMs,
  playerStateOf,
  SyncTiming,
  upcomingOf,
  wakeupsOf,
  type Command,
  type RoomState,
} from '../src/index.js';
import { must, room, step, T0, withDuration } from './builders.js';

const LEAD = 400;
const HOLD = 3_000;

/** Three resolved clips of 5, 6 and 7 s (ids 1, 2, 3), playing the first from T0 + LEAD. */
function party(): RoomState {
  let state = room({ members: ['Alice', 'Bob'], videos: 3 });
  state = withDuration(state, 1, 5);
  state = withDuration(state, 2, 6);
  state = withDuration(state, 3, 7);
  return step(state, { type: 'play', userId: 'u1', time: 0, leadMs: LEAD }, T0);
}

const CLIP1_END = T0 + LEAD + 5_000;

function ended(
  itemId: number,
  source: 'timer' | 'report' | 'hold' = 'timer',
  toleranceMs: number = SyncTiming.timerSlackMs,
): Command {
  return { type: 'clipEnded', itemId, source, toleranceMs, leadMs: LEAD, holdMs: HOLD };
}

describe('lead time', () => {
  it('is one slowest round trip plus a margin, within bounds', () => {
    expect(leadTimeMs(0)).toBe(SyncTiming.minLeadMs);
    expect(leadTimeMs(150)).toBe(150 + SyncTiming.leadMarginMs);
    expect(leadTimeMs(60_000)).toBe(SyncTiming.maxLeadMs);
    expect(leadTimeMs(Number.NaN)).toBe(SyncTiming.minLeadMs);
    expect(leadTimeMs(-5)).toBe(SyncTiming.minLeadMs);
  });

  it('leaves room for a hold to reach the slowest member after the gate is decided', () => {
    for (const rtt of [0, 20, 75, 150, 400]) {
      // Decision, then one-way to the slowest member, must come before the start.
      expect(gateDecisionMs(rtt)).toBeGreaterThan(rtt / 2);
      expect(gateDecisionMs(rtt)).toBeLessThan(leadTimeMs(rtt));
    }
  });

  it('schedules play, seek while playing and change of video a lead ahead; pause at once', () => {
    const state = party();
    expect(state.playback).toMatchObject({ playing: true, position: 0, updatedAt: T0 + LEAD });
    const seek = step(state, { type: 'seek', userId: 'u2', time: 2, leadMs: 250 }, T0 + 1_000);
    expect(seek.playback).toMatchObject({ playing: true, position: 2, updatedAt: T0 + 1_250 });
    const change = step(state, { type: 'changeVideo', userId: 'u2', index: 2, leadMs: 250 }, T0);
    expect(change.playback).toMatchObject({ playing: true, position: 0, updatedAt: T0 + 250 });
    const pause = step(state, { type: 'pause', userId: 'u2', time: 1.25 }, T0 + 2_000);
    expect(pause.playback).toMatchObject({ playing: false, position: 1.25, updatedAt: T0 + 2_000 });
  });

  it('play while the room already plays changes nothing (no re-anchoring stutter)', () => {
    const state = party();
    const again = must(
      apply(state, { type: 'play', userId: 'u2', time: 3, leadMs: LEAD }, T0 + 2_000),
    );
    expect(again.state).toBe(state);
    expect(again.effects).toEqual([]);
    expect(again.reply).toMatchObject({ type: 'playerState', state: { time: 0 } });
  });

  it('every playback decision is a new epoch', () => {
    const state = party();
    const epochs = [
      state.playback.epoch,
      step(state, { type: 'pause', userId: 'u1', time: 1 }, T0 + 1_000).playback.epoch,
      step(state, { type: 'seek', userId: 'u1', time: 1 }, T0 + 1_000).playback.epoch,
    ];
    expect(epochs[1]).toBe((epochs[0] ?? 0) + 1);
    expect(epochs[2]).toBe((epochs[0] ?? 0) + 1);
  });
});

describe('auto-advance, exactly once', () => {
  it('the end of a clip moves to the next, starting exactly where it was announced', () => {
    const state = party();
    const announced = playerStateOf(state, T0);
    expect(announced.endsAt).toBe(CLIP1_END);
    expect(announced.next).toEqual({ index: 1, itemId: 2, startsAt: CLIP1_END });

    const result = must(apply(state, ended(1), CLIP1_END));
    expect(result.reply).toEqual({ type: 'advanced', advanced: true });
    expect(result.state.currentVideoIndex).toBe(1);
    expect(result.state.playback).toMatchObject({
      playing: true,
      position: 0,
      updatedAt: CLIP1_END,
      epoch: state.playback.epoch + 1,
    });
    expect(result.effects.map((e) => e.type)).toEqual(['update_index', 'player_state']);
  });

  it('many reports of one end (and reports of a clip no longer current) advance once', () => {
    let state = party();
    const reports: Command[] = [
      ended(1, 'report', SyncTiming.reportToleranceMs),
      ended(1, 'timer'),
      ended(1, 'report', SyncTiming.reportToleranceMs),
      ended(1, 'hold', 200),
    ];
    let advances = 0;
    for (const [i, command] of reports.entries()) {
      const result = must(apply(state, command, CLIP1_END + i * 7));
      if (result.reply.type === 'advanced' && result.reply.advanced) advances++;
      else expect(result.state).toBe(state);
      state = result.state;
    }
    expect(advances).toBe(1);
    expect(state.currentVideoIndex).toBe(1);
  });

  it('an end that has not come yet is refused, beyond the tolerance of its source', () => {
    const state = party();
    expect(must(apply(state, ended(1, 'timer'), CLIP1_END - 100)).reply).toEqual({
      type: 'advanced',
      advanced: false,
    });
    const early = must(apply(state, ended(1, 'report', 1_000), CLIP1_END - 1_500));
    expect(early.state).toBe(state);
    const withinSkew = must(apply(state, ended(1, 'report', 1_000), CLIP1_END - 800));
    expect(withinSkew.reply).toEqual({ type: 'advanced', advanced: true });
    // Even early, the next clip starts at the announced moment.
    expect(withinSkew.state.playback.updatedAt).toBe(CLIP1_END);
  });

  it('a timer that runs late still starts the next clip at the announced moment', () => {
    const result = must(apply(party(), ended(1), CLIP1_END + 900));
    expect(result.state.playback.updatedAt).toBe(CLIP1_END);
  });

  it('with an unknown length only a player report ends the clip, and the next starts a lead later', () => {
    let state = room({ videos: 2 });
    state = step(state, { type: 'play', userId: 'u1', time: 0 }, T0);
    expect(playerStateOf(state, T0).endsAt).toBeUndefined();
    expect(must(apply(state, ended(1, 'timer'), T0 + 9_000)).state).toBe(state);
    const result = must(apply(state, ended(1, 'report', 1_000), T0 + 9_000));
    expect(result.state.currentVideoIndex).toBe(1);
    expect(result.state.playback.updatedAt).toBe(T0 + 9_000 + LEAD);
  });

  it('a paused room, or one on another clip, does not advance', () => {
    const paused = step(party(), { type: 'pause', userId: 'u1', time: 4.9 }, T0 + 5_000);
    expect(must(apply(paused, ended(1), CLIP1_END)).state).toBe(paused);
    expect(must(apply(party(), ended(2), CLIP1_END)).state.currentVideoIndex).toBe(0);
  });

  it('at the end of the queue with loop off the room stops on the last frame', () => {
    let state = step(party(), { type: 'changeVideo', userId: 'u1', index: 2, leadMs: 0 }, T0);
    expect(upcomingOf(state)).toBeUndefined();
    const result = must(apply(state, ended(3), T0 + 7_000));
    state = result.state;
    expect(state.currentVideoIndex).toBe(2);
    expect(state.playback).toMatchObject({ playing: false, position: 7, updatedAt: T0 + 7_000 });
    expect(playerStateOf(state, T0 + 8_000).next).toBeUndefined();
  });

  it('loop one repeats the clip; loop all wraps the queue; autoplay off stops', () => {
    const last = step(party(), { type: 'changeVideo', userId: 'u1', index: 2, leadMs: 0 }, T0);
    const one = step(last, { type: 'setLoop', userId: 'u1', mode: 'one' }, T0);
    expect(upcomingOf(one)).toEqual({ index: 2, itemId: 3, startsAt: T0 + 7_000 });
    const repeated = must(apply(one, ended(3), T0 + 7_000)).state;
    expect(repeated.currentVideoIndex).toBe(2);
    expect(repeated.playback).toMatchObject({ playing: true, position: 0, updatedAt: T0 + 7_000 });

    const all = step(last, { type: 'setLoop', userId: 'u1', mode: 'all' }, T0);
    expect(upcomingOf(all)).toEqual({ index: 0, itemId: 1, startsAt: T0 + 7_000 });

    const manual = step(party(), { type: 'setAutoplay', userId: 'u2', enabled: false }, T0);
    expect(upcomingOf(manual)).toBeUndefined();
    const stopped = must(apply(manual, ended(1), CLIP1_END)).state;
    expect(stopped.currentVideoIndex).toBe(0);
    expect(stopped.playback).toMatchObject({ playing: false, position: 5 });
  });

  it('loop and autoplay changes are announced to everyone; setting the same value is a no-op', () => {
    const state = party();
    const looped = must(apply(state, { type: 'setLoop', userId: 'u2', mode: 'all' }, T0 + 5));
    expect(looped.reply).toEqual({ type: 'settings', loop: 'all', autoplay: true });
    expect(looped.effects.map((e) => e.type)).toEqual(['player_state', 'system_message']);
    expect(looped.state.messages.at(-1)?.text).toBe('Bob set the queue to loop');
    const manual = must(apply(state, { type: 'setAutoplay', userId: 'u1', enabled: false }, T0));
    expect(manual.state.messages.at(-1)?.text).toBe('Alice turned autoplay off');
    const same = must(apply(state, { type: 'setLoop', userId: 'u1', mode: 'off' }, T0));
    expect(same.state).toBe(state);
    expect(same.effects).toEqual([]);
  });

  it('skips clips that cannot play anywhere', () => {
    const failing = (code: 'VIDEO_UNAVAILABLE' | 'UPSTREAM_ERROR') =>
      step(party(), {
        type: 'videoResolved',
        itemId: 2,
        outcome: { ok: false, error: { code, message: 'No.' }, embedUrl: 'https://e.example/2' },
      });
    // Deleted (or private, or a photo post): the embed would fail too, so it is skipped.
    expect(upcomingOf(failing('VIDEO_UNAVAILABLE'))?.itemId).toBe(3);
    // TikTok only refused the server: the embed may still play it for the viewers.
    const embedOnly = failing('UPSTREAM_ERROR');
    expect(upcomingOf(embedOnly)?.itemId).toBe(2);
    const withoutEmbed: RoomState = {
      ...embedOnly,
      queue: embedOnly.queue.map((item) => {
        if (item.id !== 2) return item;
        const { embedUrl: _embed, ...rest } = item;
        return rest;
      }),
    };
    expect(upcomingOf(withoutEmbed)?.itemId).toBe(3);
  });

  it('is not a person’s activity: an empty room whose queue loops still goes idle', () => {
    let state = step(party(), { type: 'setLoop', userId: 'u1', mode: 'all' }, T0);
    state = step(state, { type: 'leave', userId: 'u1' }, T0 + 1);
    state = step(state, { type: 'leave', userId: 'u2' }, T0 + 2);
    const advanced = must(apply(state, ended(1), CLIP1_END)).state;
    expect(advanced.currentVideoIndex).toBe(1);
    expect(advanced.lastActivity).toBe(T0 + 2);
    expect(isIdle(advanced, T0 + 2 + 60_001, 60_000)).toBe(true);
  });

  it('a hold moves on now and waits, bounded, for those still buffering the next clip', () => {
    const decision = CLIP1_END - 120;
    const result = must(apply(party(), ended(1, 'hold', 120 + SyncTiming.timerSlackMs), decision));
    expect(result.state.currentVideoIndex).toBe(1);
    expect(result.state.playback).toMatchObject({
      playing: true,
      position: 0,
      updatedAt: decision + HOLD,
      gate: 'held',
    });
  });
});

describe('the buffering gate of a scheduled start', () => {
  const start = (): RoomState => party();
  const gate = (state: RoomState, allReady: boolean): Command => ({
    type: 'gate',
    epoch: state.playback.epoch,
    allReady,
    leadMs: LEAD,
    holdMs: HOLD,
  });

  it('everyone ready: nothing changes, the start stands', () => {
    const state = start();
    expect(must(apply(state, gate(state, true), T0 + 300)).state).toBe(state);
  });

  it('someone not ready: the start waits for them, at most the bound', () => {
    const state = start();
    const held = must(apply(state, gate(state, false), T0 + 300));
    expect(held.state.playback).toMatchObject({ updatedAt: T0 + 300 + HOLD, gate: 'held' });
    expect(held.state.playback.epoch).toBe(state.playback.epoch);
    expect(held.effects).toEqual([
      { type: 'player_state', state: playerStateOf(held.state, T0 + 300) },
    ]);
    // Held once per decision: a second "not ready" does not push it further.
    expect(must(apply(held.state, gate(state, false), T0 + 1_000)).state).toBe(held.state);
  });

  it('once all are ready a held start goes a lead later, never later than its bound', () => {
    const state = start();
    const held = must(apply(state, gate(state, false), T0 + 300)).state;
    const released = must(apply(held, gate(state, true), T0 + 900)).state;
    expect(released.playback).toMatchObject({ updatedAt: T0 + 900 + LEAD, gate: 'released' });
    const late = must(apply(held, gate(state, true), T0 + 300 + HOLD - 100)).state;
    expect(late.playback.updatedAt).toBe(T0 + 300 + HOLD);
  });

  it('a gate of an older decision, or after the start, changes nothing', () => {
    const state = start();
    const paused = step(state, { type: 'pause', userId: 'u1', time: 0 }, T0 + 100);
    expect(must(apply(paused, gate(state, false), T0 + 200)).state).toBe(paused);
    expect(must(apply(state, gate(state, false), T0 + LEAD + 1)).state).toBe(state);
  });
});

describe('the real duration players report', () => {
  it('the first plausible report times the end and the announced next start', () => {
    let state = party();
    const result = must(
      apply(state, { type: 'reportDuration', userId: 'u2', itemId: 1, duration: 5.433 }, T0),
    );
    state = result.state;
    expect(result.reply).toEqual({ type: 'accepted', accepted: true });
    expect(playerStateOf(state, T0).endsAt).toBe(T0 + LEAD + 5_433);
    expect(result.effects).toEqual([{ type: 'player_state', state: playerStateOf(state, T0) }]);
    const second = must(
      apply(state, { type: 'reportDuration', userId: 'u1', itemId: 1, duration: 5.1 }, T0),
    );
    expect(second.state).toBe(state);
    expect(second.reply).toEqual({ type: 'accepted', accepted: false });
  });

  it('a length far from TikTok’s own figure is not believed', () => {
    const state = party();
    const result = must(
      apply(state, { type: 'reportDuration', userId: 'u2', itemId: 1, duration: 1 }, T0),
    );
    expect(result.state).toBe(state);
    expect(result.reply).toEqual({ type: 'accepted', accepted: false });
  });

  it('a later clip’s length is stored without announcing anything', () => {
    const result = must(
      apply(party(), { type: 'reportDuration', userId: 'u2', itemId: 3, duration: 7.2 }, T0),
    );
    expect(result.state.queue[2]?.mediaDuration).toBe(7.2);
    expect(result.effects).toEqual([]);
  });
});

describe('a clip that resolves while the room waits to play it', () => {
  it('starts from 0 a lead after it became playable', () => {
    let state = room({ videos: 2 });
    state = step(state, { type: 'play', userId: 'u1', time: 0 }, T0);
    const result = must(
      apply(
        state,
        {
          type: 'videoResolved',
          itemId: 1,
          outcome: {
            ok: true,
            videoId: '7000000000000000001',
            url: 'https://www.tiktok.com/@creator/video/7000000000000000001',
            mp4Url: '/media/7000000000000000001.mp4',
            embedUrl: 'https://www.tiktok.com/player/v1/7000000000000000001',
            duration: 5,
          },
          leadMs: LEAD,
        },
        T0 + 2_000,
      ),
    );
    expect(result.state.playback).toMatchObject({
      playing: true,
      position: 0,
      updatedAt: T0 + 2_400,
    });
    expect(result.effects.map((e) => e.type)).toEqual(['update_queue', 'player_state']);
  });
});

describe('wakeups: when the edge must act', () => {
  it('a gate before a scheduled start, a check of the next clip, and the end', () => {
    const state = party();
    const decision = gateDecisionMs(150);
    expect(wakeupsOf(state, T0, decision)).toEqual([
      { kind: 'gate', at: T0 + LEAD - decision, epoch: state.playback.epoch },
      {
        kind: 'nextGate',
        at: CLIP1_END - decision,
        epoch: state.playback.epoch,
        itemId: 1,
        next: { index: 1, itemId: 2, startsAt: CLIP1_END },
      },
      { kind: 'end', at: CLIP1_END, epoch: state.playback.epoch, itemId: 1 },
    ]);
    // Once started, no gate; paused, nothing at all.
    expect(wakeupsOf(state, T0 + LEAD + 1, decision).map((w) => w.kind)).toEqual([
      'nextGate',
      'end',
    ]);
    const paused = step(state, { type: 'pause', userId: 'u1', time: 1 }, T0 + 1_000);
    expect(wakeupsOf(paused, T0 + 1_000, decision)).toEqual([]);
  });
});
