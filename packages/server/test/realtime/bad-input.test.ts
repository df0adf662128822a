import { Limits } from '@wt/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer as RunningServer } from '../support/server.js';
import { connect, emitRaw, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer } from '../support/server.js';

const ROOM = 'guarded';
const GOOD_URL = 'https://www.tiktok.com/@a/video/7400000000000000001';
const huge = 'x'.repeat(Limits.maxPayloadBytes - 200);

/** [event, payload, expected error code] */
const cases: [string, unknown, string][] = [
  ['add_video', null, 'INVALID_PAYLOAD'],
  ['add_video', [], 'INVALID_PAYLOAD'],
  ['add_video', 'https://www.tiktok.com/@a/video/7400000000000000001', 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM, video: null }, 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM, video: { url: 42 } }, 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM, video: { url: '' } }, 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM, video: { url: huge } }, 'INVALID_PAYLOAD'],
  ['add_video', { roomId: ROOM, video: { url: 'https://example.com/video.mp4' } }, 'NOT_TIKTOK'],
  [
    'add_video',
    {
      roomId: ROOM,
      video: { url: 'https://tiktok.com.evil.example/@a/video/7400000000000000001' },
    },
    'NOT_TIKTOK',
  ],
  ['add_video', { roomId: ROOM, video: { url: 'not a url at all' } }, 'INVALID_URL'],
  [
    'add_video',
    { roomId: ROOM, video: { url: 'https://www.tiktok.com/@a/photo/7400000000000000009' } },
    'NOT_A_VIDEO',
  ],
  ['add_video', { roomId: 'elsewhere', video: { url: GOOD_URL } }, 'NOT_IN_ROOM'],
  ['add_video', { roomId: '../etc', video: { url: GOOD_URL } }, 'INVALID_PAYLOAD'],
  ['remove_video', { roomId: ROOM, index: 5 }, 'INDEX_OUT_OF_RANGE'],
  ['remove_video', { roomId: ROOM, index: -1 }, 'INVALID_PAYLOAD'],
  ['remove_video', { roomId: ROOM, index: 0.5 }, 'INVALID_PAYLOAD'],
  ['remove_video', { roomId: ROOM, index: '0' }, 'INVALID_PAYLOAD'],
  ['remove_video', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['change_video', { roomId: ROOM, index: 1 }, 'INDEX_OUT_OF_RANGE'],
  ['change_video', { roomId: ROOM, index: Number.MAX_SAFE_INTEGER }, 'INVALID_PAYLOAD'],
  ['change_video', { roomId: ROOM, index: null }, 'INVALID_PAYLOAD'],
  ['send_message', { roomId: ROOM, message: '' }, 'MESSAGE_EMPTY'],
  ['send_message', { roomId: ROOM, message: '   \n  ' }, 'MESSAGE_EMPTY'],
  [
    'send_message',
    { roomId: ROOM, message: 'y'.repeat(Limits.messageMaxLength + 1) },
    'MESSAGE_TOO_LONG',
  ],
  ['send_message', { roomId: ROOM, message: huge }, 'MESSAGE_TOO_LONG'],
  ['send_message', { roomId: ROOM, message: { text: 7 } }, 'INVALID_PAYLOAD'],
  ['send_message', { roomId: ROOM, message: ['hi'] }, 'INVALID_PAYLOAD'],
  ['send_message', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['player_play', { roomId: ROOM, time: -3 }, 'INVALID_PAYLOAD'],
  ['player_play', { roomId: ROOM, time: 'soon' }, 'INVALID_PAYLOAD'],
  ['player_play', { roomId: ROOM, time: null }, 'INVALID_PAYLOAD'],
  ['player_pause', { roomId: ROOM, time: 1e12 }, 'INVALID_PAYLOAD'],
  ['player_seek', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['player_seek', [ROOM, 3], 'INVALID_PAYLOAD'],
  ['request_countdown', {}, 'INVALID_PAYLOAD'],
  ['request_countdown', { roomId: 'nope' }, 'NOT_IN_ROOM'],
  ['set_name', { roomId: ROOM, name: '' }, 'INVALID_PAYLOAD'],
  ['set_name', { roomId: ROOM, name: 'n'.repeat(Limits.nameMaxLength + 1) }, 'INVALID_PAYLOAD'],
  ['join_room', null, 'INVALID_PAYLOAD'],
  ['join_room', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['join_room', { roomId: 'a'.repeat(65), userId: 'u1' }, 'INVALID_PAYLOAD'],
  ['join_room', { roomId: 'has space', userId: 'u1' }, 'INVALID_PAYLOAD'],
  ['join_room', { roomId: ROOM, userId: 'u1', protocolVersion: 999 }, 'PROTOCOL_MISMATCH'],
  ['retry_video', { roomId: ROOM, id: 999 }, 'NOT_FOUND'],
  ['join_room', { roomId: ROOM, userId: 'u1', protocolVersion: 0 }, 'PROTOCOL_MISMATCH'],
  ['video_ended', { roomId: ROOM, itemId: '1' }, 'INVALID_PAYLOAD'],
  ['video_ended', { roomId: ROOM }, 'INVALID_PAYLOAD'],
  ['video_ended', { roomId: 'elsewhere', itemId: 1 }, 'NOT_IN_ROOM'],
  ['media_duration', { roomId: ROOM, itemId: 1, duration: -4 }, 'INVALID_PAYLOAD'],
  ['media_duration', { roomId: ROOM, itemId: 1, duration: Infinity }, 'INVALID_PAYLOAD'],
  ['media_duration', { roomId: ROOM, itemId: 1, duration: 1e9 }, 'INVALID_PAYLOAD'],
  ['media_duration', { roomId: ROOM, itemId: 999, duration: 4 }, 'NOT_FOUND'],
  ['sync_report', { roomId: ROOM, rttMs: -1 }, 'INVALID_PAYLOAD'],
  ['sync_report', { roomId: ROOM, status: 'asleep' }, 'INVALID_PAYLOAD'],
  ['sync_report', { roomId: ROOM, readyEpoch: 1.5 }, 'INVALID_PAYLOAD'],
  ['sync_report', { roomId: 'elsewhere', status: 'in_sync' }, 'NOT_IN_ROOM'],
  ['set_loop', { roomId: ROOM, mode: 'forever' }, 'INVALID_PAYLOAD'],
  ['set_autoplay', { roomId: ROOM, enabled: 'yes' }, 'INVALID_PAYLOAD'],
];

describe('bad input gets a typed error ack and changes nothing', () => {
  let server: RunningServer;
  let attacker: TestSocket;
  let bystander: TestSocket;

  beforeAll(async () => {
    server = await startTestServer({
      SOCKET_EVENTS_PER_SECOND: '1000',
      SOCKET_EVENTS_BURST: '1000',
    });
    attacker = (await joinAs(server.url, ROOM, 'mallory', 'Mallory')).socket;
    bystander = (await joinAs(server.url, ROOM, 'bob', 'Bob')).socket;
    await bystander.emitWithAck('add_video', { roomId: ROOM, video: { url: GOOD_URL } });
    await bystander.emitWithAck('send_message', { roomId: ROOM, message: 'keep me' });
    await server.runtime.drain();
  });
  afterAll(async () => {
    attacker.disconnect();
    bystander.disconnect();
    await server.close();
  });

  it.each(cases)('%s %j -> %s', async (event, payload, code) => {
    const before = structuredClone(await server.store.get(ROOM));
    const ack = await emitRaw(attacker, event, payload);
    expect(ack).toMatchObject({ ok: false, error: { code } });
    if (!ack.ok) {
      expect(typeof ack.error.message).toBe('string');
      expect(ack.error.message).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect(await server.store.get(ROOM)).toEqual(before);
    // Everyone else is still served.
    const ping = await bystander.emitWithAck('time_sync', { clientTime: 1 });
    expect(ping.ok).toBe(true);
  });

  it('an event without an ack callback is handled without crashing', async () => {
    const raw: Socket = attacker;
    raw.emit('player_play', { roomId: ROOM, time: 'bad' });
    raw.emit('send_message', null);
    const ping = await bystander.emitWithAck('time_sync', { clientTime: 1 });
    expect(ping.ok).toBe(true);
  });

  it('a packet over the size limit closes only the offending connection', async () => {
    const loud = await connect(server.url);
    const closed = new Promise<string>((resolve) => loud.once('disconnect', resolve));
    const raw: Socket = loud;
    raw.emit('send_message', { roomId: ROOM, message: 'z'.repeat(Limits.maxPayloadBytes * 2) });
    expect(await closed).toBeTruthy();
    await expect(server.store.get(ROOM)).resolves.toBeDefined();
    const ping = await bystander.emitWithAck('time_sync', { clientTime: 1 });
    expect(ping.ok).toBe(true);
  });

  it('an unknown room is refused for everything but join', async () => {
    const stranger = await connect(server.url);
    const ack = await emitRaw(stranger, 'send_message', { roomId: 'never-created', message: 'hi' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    expect(await server.store.get('never-created')).toBeUndefined();
    stranger.disconnect();
  });

  it('flooding is refused with RATE_LIMITED, then the connection is dropped', async () => {
    const strict = await startTestServer({
      SOCKET_EVENTS_PER_SECOND: '5',
      SOCKET_EVENTS_BURST: '5',
    });
    const { socket } = await joinAs(strict.url, 'flood', 'f1', 'Flo');
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      socket.emit(
        'time_sync',
        { clientTime: 1 },
        (ack: { ok: boolean; error?: { code: string } }) => {
          answers.push(ack.ok ? 'ok' : (ack.error?.code ?? '?'));
        },
      );
    }
    expect(await dropped).toBe('io server disconnect');
    // Past the bucket, refusals are answered until the strikes run out; then it is dropped.
    expect(answers.filter((a) => a === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(5);
    expect(answers.length).toBeLessThan(40);
    await strict.close();
  });

  it('answers an unknown event, or extra arguments, with a typed error', async () => {
    const { socket } = await joinAs(server.url, 'typed', 't1', 'Ty');
    expect(await emitRaw(socket, 'make_me_host', { roomId: 'typed' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(await emitRaw(socket, 'time_sync', { clientTime: 1 }, 'extra')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await emitRaw(socket, 'time_sync', { clientTime: 1 })).toMatchObject({ ok: true });
    socket.disconnect();
  });
});
