import type { RoomChange, SystemMessagePayload } from '@wt/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, eventually, joinAs, type TestSocket } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const VIDEO_A = 'https://www.tiktok.com/@alice/video/7400000000000000001';
const VIDEO_B = 'https://www.tiktok.com/@bob/video/7400000000000000002';
const VIDEO_C = 'https://www.tiktok.com/@cy/video/7400000000000000003';

describe('activity lines in the chat, through real clients', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server.close();
  });

  /** The system lines a protocol 3 client gets through `room_delta(s)`. */
  function deltaLines(socket: TestSocket): SystemMessagePayload[] {
    const lines: SystemMessagePayload[] = [];
    const take = (changes: RoomChange[]) => {
      for (const change of changes)
        if (change.kind === 'system_message') lines.push(change.message);
    };
    socket.on('room_delta', (delta) => {
      take(delta.changes);
    });
    socket.on('room_deltas', (deltas) => {
      for (const delta of deltas) take(delta.changes);
    });
    return lines;
  }

  it('says who added, played, paused, skipped and removed; seed clients get the seed shape', async () => {
    const ana = await joinAs(server.url, 'act', 'ana', 'Ana', 3);
    const seed = await joinAs(server.url, 'act', 'seed', 'Seed', null);
    sockets.push(ana.socket, seed.socket);
    const anaId = ana.ack.user.id;
    const toAna = deltaLines(ana.socket);
    const toSeed = collect(seed.socket, 'system_message');
    const queues = collect(seed.socket, 'update_queue');
    const roomId = 'act';
    const emit = ana.socket;

    for (const url of [VIDEO_A, VIDEO_B, VIDEO_C]) {
      // Three adds in a row: one line (a burst is folded into its first line).
      await emit.emitWithAck('add_video', { roomId, video: { url } });
    }
    // Resolved, so the lines can name the clips by their titles.
    await eventually(() =>
      queues.some((queue) => queue.length === 3 && queue.every((item) => !item.isProcessing)),
    );
    expect((await emit.emitWithAck('player_play', { roomId, time: 0 })).ok).toBe(true);
    expect((await emit.emitWithAck('player_pause', { roomId, time: 0 })).ok).toBe(true);
    expect((await emit.emitWithAck('change_video', { roomId, index: 1 })).ok).toBe(true);
    const removed = await seed.socket.emitWithAck('remove_video', { roomId, index: 2 });
    expect(removed.ok).toBe(true);

    const expected = [
      { text: 'Ana added a clip to the queue', kind: 'add', userId: anaId },
      { text: 'Ana pressed play', kind: 'play', userId: anaId },
      { text: 'Ana paused at 0:00', kind: 'pause', userId: anaId },
      { text: 'Ana skipped to “Fake video 7400000000000000002', kind: 'skip', userId: anaId },
      {
        text: 'Seed removed “Fake video 7400000000000000003',
        kind: 'remove',
        userId: seed.ack.user.id,
      },
    ];
    await eventually(() => toAna.filter((line) => line.activity).length === expected.length);
    // Titles come from the resolver: each line starts as expected.
    const lines = toAna.filter((line) => line.activity);
    expect(lines.map((line) => line.activity)).toEqual(
      expected.map(({ kind, userId }) => ({ kind, userId })),
    );
    lines.forEach((line, i) => {
      expect(line.text.startsWith(expected[i]?.text ?? '?'), line.text).toBe(true);
    });

    // The seed's client: the same lines, as `system_message {text, timestamp, id}` exactly.
    await eventually(() => toSeed.length >= expected.length);
    const seedLines = toSeed.filter((line) => !line.text.endsWith('joined'));
    expect(seedLines.map((line) => line.text)).toEqual(
      toAna.filter((line) => line.activity).map((line) => line.text),
    );
    for (const line of seedLines) {
      expect(Object.keys(line).sort()).toEqual(['id', 'text', 'timestamp']);
    }

    // Kept in the history: a newcomer's room has them, marked as activity.
    const late = await joinAs(server.url, 'act', 'late', 'Late', 3);
    sockets.push(late.socket);
    const history = late.ack.room.messages.filter((message) => message.activity);
    expect(history.map((message) => message.text)).toEqual(
      toAna.filter((line) => line.activity).map((line) => line.text),
    );
    expect(history.every((message) => message.isSystem === true)).toBe(true);
  });

  it('folds seek spam into one line and cannot be faked from the chat', async () => {
    const ana = await joinAs(server.url, 'spam', 'ana', 'Ana', 3);
    sockets.push(ana.socket);
    const roomId = 'spam';
    await ana.socket.emitWithAck('add_video', { roomId, video: { url: VIDEO_A } });
    for (let i = 0; i < 15; i++) {
      await ana.socket.emitWithAck('player_seek', { roomId, time: i });
    }
    const sent = await ana.socket.emitWithAck('send_message', {
      roomId,
      message: 'Ana pressed play',
    });
    expect(sent.ok && sent.message.isSystem).toBeFalsy();
    expect(sent.ok && sent.message.activity).toBeFalsy();
    const again = await joinAs(server.url, roomId, 'ana', 'Ana', 3);
    sockets.push(again.socket);
    const seeks = again.ack.room.messages.filter((message) => message.activity?.kind === 'seek');
    expect(seeks.map((message) => message.text)).toEqual(['Ana jumped to 0:00']);
    const fake = again.ack.room.messages.find((message) => message.text === 'Ana pressed play');
    expect(fake).toMatchObject({ user: 'Ana' });
    expect(fake?.isSystem).toBeUndefined();
    expect(fake?.activity).toBeUndefined();
  });
});
