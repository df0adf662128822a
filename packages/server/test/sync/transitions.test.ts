import { PROTOCOL_VERSION } from '@wt/protocol';
import { SyncTiming } from '@wt/room';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clip } from '../fake-tiktok/clips.js';
import { eventually, joinAs, sessionOf, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { actAsPlayer, next, nextState, shortClips, sleep, startParty } from './players.js';

let clips: Map<string, Clip> | undefined;
async function clipIds(): Promise<string[]> {
  clips ??= await shortClips();
  return [...clips.keys()];
}

describe('transitions between clips, three real clients', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  async function start(env: Record<string, string> = {}): Promise<TestServer> {
    clips ??= await shortClips();
    server = await startTestServer(env, {}, { clips });
    return server;
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    server = undefined;
  });

  it('the server ends a clip by itself and starts the next exactly where it announced it', async () => {
    const app = await start();
    const ids = await clipIds();
    const party = await startParty(app, 'auto', ['Alice', 'Bob', 'Carol'], ids);
    sockets.push(...party.sockets);
    const [alice] = party.sockets;
    if (!alice) throw new Error('no Alice');
    for (const socket of party.sockets) actAsPlayer(socket, 'auto');
    const first = party.queue[0];
    if (!first) throw new Error('no clip');

    const reported = await alice.emitWithAck('media_duration', {
      roomId: 'auto',
      itemId: first.id,
      duration: 1.5,
    });
    expect(reported).toEqual({ ok: true, accepted: true });
    const played = await alice.emitWithAck('player_play', { roomId: 'auto', time: 0 });
    if (!played.ok) throw new Error(played.error.message);
    const { state } = played;
    expect(state.endsAt).toBe(state.updatedAt + 1_500);
    expect(state.next).toEqual({ index: 1, itemId: party.queue[1]?.id, startsAt: state.endsAt });

    const advanced = next(alice, 'update_index', 6_000);
    expect(await advanced).toBe(1);
    const after = Date.now();
    // The switch happened on time (the server's own timer), and the new clip starts at the announced moment.
    expect(after - (state.next?.startsAt ?? 0)).toBeLessThan(250);
    await eventually(() => party.states.every((seen) => seen.at(-1)?.currentVideoIndex === 1));
    for (const seen of party.states) {
      expect(seen.at(-1)).toMatchObject({
        playing: true,
        time: 0,
        updatedAt: state.next?.startsAt,
      });
    }
  });

  it('three players reporting the end at once advance the room exactly once', async () => {
    const app = await start();
    const ids = await clipIds();
    const party = await startParty(app, 'reports', ['Alice', 'Bob', 'Carol'], ids);
    sockets.push(...party.sockets);
    for (const socket of party.sockets) actAsPlayer(socket, 'reports');
    const [alice] = party.sockets;
    const first = party.queue[0];
    if (!alice || !first) throw new Error('no party');
    await alice.emitWithAck('media_duration', {
      roomId: 'reports',
      itemId: first.id,
      duration: 1.5,
    });
    const played = await alice.emitWithAck('player_play', { roomId: 'reports', time: 0 });
    if (!played.ok || played.state.endsAt === undefined) throw new Error('not scheduled');
    // Every player sees its clip end a little before the server's timer does.
    await sleep(played.state.endsAt - Date.now() - 200);
    const acks = await Promise.all(
      party.sockets.flatMap((socket) => [
        socket.emitWithAck('video_ended', { roomId: 'reports', itemId: first.id }),
        socket.emitWithAck('video_ended', { roomId: 'reports', itemId: first.id }),
      ]),
    );
    expect(acks.filter((ack) => ack.ok && ack.advanced)).toHaveLength(1);
    await sleep(600); // past the computed end: the timer must not advance a second time
    for (const seen of party.indexes) expect(seen).toEqual([1]);
    // A late report about the clip that is no longer current changes nothing.
    const late = await alice.emitWithAck('video_ended', { roomId: 'reports', itemId: first.id });
    expect(late).toEqual({ ok: true, advanced: false });
    expect((await app.store.get('reports'))?.currentVideoIndex).toBe(1);
  });

  it('a buffering member delays a start by at most SYNC_BUFFER_WAIT_MS, then it goes without them', async () => {
    const app = await start({ SYNC_BUFFER_WAIT_MS: '800' });
    const ids = await clipIds();
    const party = await startParty(app, 'gate', ['Alice', 'Bob', 'Carol'], ids);
    sockets.push(...party.sockets);
    const [alice, bob, carol] = party.sockets;
    if (!alice || !bob || !carol) throw new Error('no party');
    actAsPlayer(alice, 'gate');
    actAsPlayer(carol, 'gate');
    // Bob's video is stuck loading: he says so, and never gets ready.
    const told = await bob.emitWithAck('sync_report', { roomId: 'gate', status: 'buffering' });
    expect(told.ok).toBe(true);
    const played = await alice.emitWithAck('player_play', { roomId: 'gate', time: 0 });
    if (!played.ok) throw new Error(played.error.message);
    const scheduled = played.state.updatedAt;
    const held = await nextState(bob, (state) => state.gate !== undefined, 2_000);
    expect(held).toMatchObject({ playing: true, gate: 'held', epoch: played.state.epoch });
    expect(held.updatedAt).toBeGreaterThan(scheduled);
    expect(held.updatedAt - scheduled).toBeLessThanOrEqual(800);
    // Nothing more happens: at the bound it starts without Bob, for everyone at once.
    await sleep(held.updatedAt - Date.now() + 200);
    for (const seen of party.states) expect(seen.at(-1)).toEqual(held);
    const stored = await app.store.get('gate');
    expect(stored?.playback).toMatchObject({ playing: true, updatedAt: held.updatedAt });
  });

  it('the next clip never starts before everyone buffered it: held at most SYNC_BUFFER_WAIT_MS', async () => {
    const app = await start({ SYNC_BUFFER_WAIT_MS: '800' });
    const ids = await clipIds();
    const party = await startParty(app, 'preload', ['Alice', 'Bob'], ids);
    sockets.push(...party.sockets);
    const [alice, bob] = party.sockets;
    const first = party.queue[0];
    if (!alice || !bob || !first) throw new Error('no party');
    actAsPlayer(alice, 'preload');
    // Bob is ready for every start of the first clip, and never buffers the one after it.
    bob.on('player_state', (state) => {
      if (state.currentVideoIndex !== 0) return;
      bob.emit('sync_report', { roomId: 'preload', readyEpoch: state.epoch }, () => undefined);
    });
    await alice.emitWithAck('media_duration', {
      roomId: 'preload',
      itemId: first.id,
      duration: 1.5,
    });
    const played = await alice.emitWithAck('player_play', { roomId: 'preload', time: 0 });
    if (!played.ok || played.state.next === undefined) throw new Error('no next clip announced');

    const held = await nextState(bob, (state) => state.currentVideoIndex === 1, 4_000);
    expect(held).toMatchObject({ playing: true, time: 0, gate: 'held' });
    // Later than the last announcement of the next clip's start, by at most the bound.
    const announced = party.states[1]?.filter((state) => state.next).at(-1)?.next?.startsAt;
    if (announced === undefined) throw new Error('no next clip announced to Bob');
    expect(held.updatedAt).toBeGreaterThan(announced);
    expect(held.updatedAt - announced).toBeLessThanOrEqual(800);
    // Bob never buffers it: at the bound it starts without him, and nothing else is sent.
    await sleep(held.updatedAt - Date.now() + 200);
    expect(party.states[1]?.at(-1)).toEqual(held);
    expect((await app.store.get('preload'))?.playback).toMatchObject({
      playing: true,
      updatedAt: held.updatedAt,
    });
  });

  it('a held start goes as soon as the late member is ready, a lead later', async () => {
    const app = await start({ SYNC_BUFFER_WAIT_MS: '3000' });
    const ids = await clipIds();
    const party = await startParty(app, 'release', ['Alice', 'Bob'], ids);
    sockets.push(...party.sockets);
    const [alice, bob] = party.sockets;
    if (!alice || !bob) throw new Error('no party');
    actAsPlayer(alice, 'release');
    const played = await alice.emitWithAck('player_play', { roomId: 'release', time: 0 });
    if (!played.ok) throw new Error(played.error.message);
    const held = await nextState(bob, (state) => state.gate !== undefined, 2_000);
    expect(held.gate).toBe('held');
    const released = nextState(bob, (state) => state.gate === 'released', 2_000);
    const readyAt = Date.now();
    await bob.emitWithAck('sync_report', { roomId: 'release', readyEpoch: held.epoch });
    const go = await released;
    expect(go).toMatchObject({ gate: 'released', epoch: held.epoch });
    expect(go.updatedAt).toBeLessThan(held.updatedAt);
    expect(go.updatedAt - readyAt).toBeLessThanOrEqual(SyncTiming.minLeadMs + 100);
  });

  it('a seed client that never reports is not waited for', async () => {
    const app = await start({ SYNC_BUFFER_WAIT_MS: '3000' });
    const ids = await clipIds();
    const party = await startParty(app, 'seedless', ['Alice'], ids);
    sockets.push(...party.sockets);
    const [alice] = party.sockets;
    if (!alice) throw new Error('no party');
    actAsPlayer(alice, 'seedless');
    const { socket: seed } = await joinAs(app.url, 'seedless', 'seed-id', 'Seed', null);
    sockets.push(seed);
    const played = await alice.emitWithAck('player_play', { roomId: 'seedless', time: 0 });
    if (!played.ok) throw new Error(played.error.message);
    await sleep(played.state.updatedAt - Date.now() + 100);
    expect((await app.store.get('seedless'))?.playback.gate).toBeUndefined();
  });

  it('a reload is not waited for on behalf of the connection it replaced', async () => {
    const app = await start({ SYNC_BUFFER_WAIT_MS: '3000' });
    const ids = await clipIds();
    const party = await startParty(app, 'reload', ['Alice'], ids);
    sockets.push(...party.sockets);
    // Alice's old tab went silent (its connection not yet noticed dead); she joined again.
    const [oldTab] = party.sockets;
    if (!oldTab) throw new Error('no party');
    const { token } = await sessionOf(oldTab);
    const { socket: reloaded, ack } = await joinAs(
      app.url,
      'reload',
      'alice-id',
      'Alice',
      PROTOCOL_VERSION,
      { token },
    );
    expect(ack.user.id).toBe(party.userIds[0]);
    sockets.push(reloaded);
    actAsPlayer(reloaded, 'reload');
    const played = await reloaded.emitWithAck('player_play', { roomId: 'reload', time: 0 });
    if (!played.ok) throw new Error(played.error.message);
    await sleep(played.state.updatedAt - Date.now() + 100);
    expect((await app.store.get('reload'))?.playback.gate).toBeUndefined();
  });

  it('everyone sees who is buffering', async () => {
    const app = await start();
    const ids = await clipIds();
    const party = await startParty(app, 'who', ['Alice', 'Bob'], ids);
    sockets.push(...party.sockets);
    const [alice, bob] = party.sockets;
    const bobId = party.userIds[1];
    if (!alice || !bob || bobId === undefined) throw new Error('no party');
    const seen = next(alice, 'sync_members', 2_000);
    await bob.emitWithAck('sync_report', { roomId: 'who', status: 'buffering', rttMs: 140 });
    expect(await seen).toEqual([{ id: bobId, status: 'buffering', rttMs: 140 }]);
    const recovered = next(alice, 'sync_members', 2_000);
    await bob.emitWithAck('sync_report', { roomId: 'who', status: 'in_sync' });
    expect(await recovered).toEqual([{ id: bobId, status: 'in_sync', rttMs: 140 }]);
  });
});
