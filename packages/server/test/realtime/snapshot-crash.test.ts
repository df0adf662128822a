import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatMessage, VideoItem } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipId } from '../fake-tiktok/clips.js';
import { FIXTURE_MP4, startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import {
  collect,
  eventually,
  eventuallyAsync,
  joinAs,
  next,
  type TestSocket,
} from '../support/client.js';
import { freePort } from '../support/free-port.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/** A ten-minute clip by its page data (nobody plays the bytes: the small fixture). */
const LONG = clipId(1, 600);
const VIDEO = `https://www.tiktok.com/@alice/video/${LONG}`;

/** A plain Socket.io client as the seed's React client makes it: reconnects by itself. */
function plainClient(url: string): TestSocket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50 });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve();
    });
  });
}

/** The snapshot on disk, as plain JSON text ('' while there is none). */
async function snapshotText(dataDir: string): Promise<string> {
  try {
    return await readFile(path.join(dataDir, 'rooms.json'), 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return '';
    throw error;
  }
}

describe('a process without Redis killed with SIGKILL', () => {
  let dataDir: string;
  let fake: FakeTikTok;
  const processes: ServerProcess[] = [];
  const sockets: Socket[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'wt-snapshot-crash-'));
    fake = await startFakeTikTok({
      clips: new Map([[LONG, { video: readFileSync(FIXTURE_MP4), seconds: 600 }]]),
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const running of processes.splice(0)) await running.stop('SIGKILL');
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<ServerProcess> {
    const running = await startServerProcess({
      PORT: String(port),
      DATA_DIR: dataDir,
      SNAPSHOT_INTERVAL_SECONDS: '1',
      TIKTOK_ORIGIN: fake.origin,
      CHROMIUM_PATH: 'none',
    });
    processes.push(running);
    return running;
  }

  it('loses nothing that was acknowledged before the last snapshot', async () => {
    const port = await freePort();
    const first = await start(port);

    const alice = plainClient(first.url);
    sockets.push(alice);
    await connected(alice);
    const joined = await alice.emitWithAck('join_room', {
      roomId: 'crash',
      userId: 'alice-id',
      name: 'Alice',
    });
    if (!joined.ok) throw new Error(joined.error.message);
    // Her id is the one the server gave her connection (the payload's is only a hint).
    const aliceId = joined.user.id;
    const bob = await joinAs(first.url, 'crash', 'bob-id', 'Bob', null);
    sockets.push(bob.socket);
    const queues = collect(bob.socket, 'update_queue');
    const added = await bob.socket.emitWithAck('add_video', {
      roomId: 'crash',
      video: { url: VIDEO },
    });
    expect(added.ok).toBe(true);
    await eventually(() => queues.some((queue) => queue[0]?.isProcessing === false), 10_000);
    const said = await bob.socket.emitWithAck('send_message', {
      roomId: 'crash',
      message: 'acknowledged before the crash',
    });
    expect(said.ok).toBe(true);
    const renamed = await alice.emitWithAck('set_name', { roomId: 'crash', name: 'Alicia' });
    expect(renamed.ok).toBe(true);
    const played = await alice.emitWithAck('player_play', { roomId: 'crash', time: 1 });
    expect(played.ok).toBe(true);

    // Wait for a snapshot that holds all of it (the interval is 1 s), then crash.
    await eventuallyAsync(async () => {
      const text = await snapshotText(dataDir);
      return (
        text.includes('acknowledged before the crash') &&
        text.includes('"name":"Alicia"') &&
        text.includes('"playing":true')
      );
    }, 15_000);
    const queueBefore: VideoItem[] = queues.at(-1) ?? [];
    await first.stop('SIGKILL');
    processes.splice(processes.indexOf(first), 1);

    const aliceBack = connected(alice);
    const second = await start(port);
    expect(second.logs.some((l) => l.msg === 'restored rooms from the snapshot')).toBe(true);

    const carol = await joinAs(second.url, 'crash', 'carol-id', 'Carol', null);
    sockets.push(carol.socket);
    const room = carol.ack.room;
    expect(room.queue).toEqual(queueBefore);
    expect(room.queue[0]?.isProcessing).toBe(false);
    expect(room.messages.map((m) => m.text)).toContain('acknowledged before the crash');
    // Alice and Bob were members when it died: nobody is there until they come back.
    expect(room.users).toEqual([carol.ack.user]);
    expect(room.playing).toBe(true);
    expect(room.currentTime).toBeGreaterThan(1);

    // The seed's client comes back by itself and is who it was, renamed.
    await aliceBack;
    const heard = next(carol.socket, 'new_message');
    const back = await alice.emitWithAck('send_message', { roomId: 'crash', message: 'still me' });
    expect(back.ok).toBe(true);
    const message: ChatMessage = await heard;
    expect(message).toMatchObject({ text: 'still me', user: 'Alicia', userId: aliceId });
  });
});
