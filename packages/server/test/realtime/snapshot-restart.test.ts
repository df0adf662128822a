import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatMessage, VideoItem } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipId, type Clip } from '../fake-tiktok/clips.js';
import { FIXTURE_MP4 } from '../fake-tiktok/server.js';
import {
  collect,
  eventually,
  eventuallyAsync,
  joinAs,
  next,
  type TestSocket,
} from '../support/client.js';
import { captureLogs, WARN } from '../support/log-capture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LONG = clipId(1, 600);
const SHORT = clipId(2, 3);
const OTHER = clipId(3, 600);

/**
 * Page data says how long each clip is; nobody plays the bytes here, so every clip
 * serves the small fixture (no ffmpeg run for a ten-minute clip).
 */
function clipsOf(lengths: Record<string, number>): Map<string, Clip> {
  const video = readFileSync(FIXTURE_MP4);
  return new Map(Object.entries(lengths).map(([id, seconds]) => [id, { video, seconds }]));
}

const clips = clipsOf({ [LONG]: 600, [SHORT]: 3, [OTHER]: 600 });

function urlOf(id: string): string {
  return `https://www.tiktok.com/@clips/video/${id}`;
}

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

describe('rooms survive a restart of a process without Redis (DATA_DIR snapshot)', () => {
  let dataDir: string;
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'wt-snapshot-restart-'));
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function server(env: Record<string, string> = {}, parts = {}): Promise<TestServer> {
    // One DATA_DIR, one deployment: the same signing secret before and after a restart
    // (generated once into DATA_DIR, as a real process without SESSION_SECRET does).
    const started = await startTestServer(
      { DATA_DIR: dataDir, SESSION_SECRET: '', ...env },
      parts,
      { clips },
    );
    servers.push(started);
    return started;
  }

  async function stop(app: TestServer): Promise<void> {
    servers.splice(servers.indexOf(app), 1);
    await app.close();
  }

  async function seedMember(url: string, roomId: string, userId: string, name: string) {
    const joined = await joinAs(url, roomId, userId, name, null);
    sockets.push(joined.socket);
    return joined;
  }

  async function addResolved(socket: TestSocket, roomId: string, id: string): Promise<VideoItem> {
    const queues = collect(socket, 'update_queue');
    const ack = await socket.emitWithAck('add_video', { roomId, video: { url: urlOf(id) } });
    if (!ack.ok) throw new Error(ack.error.message);
    const itemId = ack.item.id;
    const resolved = (): VideoItem | undefined =>
      queues
        .flat()
        .find((item) => item.id === itemId && item.isProcessing !== true && item.duration);
    await eventually(() => resolved() !== undefined, 10_000);
    const item = resolved();
    if (!item) throw new Error('never resolved');
    return item;
  }

  it('after a graceful restart a joiner sees queue, chat and live playback, and no ghosts', async () => {
    const first = await server();
    const port = String(first.port);

    // Alice is the seed's own client: she joins once and never again.
    const alice = plainClient(first.url);
    sockets.push(alice);
    await connected(alice);
    const joined = await alice.emitWithAck('join_room', {
      roomId: 'durable',
      userId: 'alice-id',
      name: 'Alice',
    });
    if (!joined.ok) throw new Error(joined.error.message);
    // Her id is the one the server gave her connection (the payload's is only a hint).
    const aliceId = joined.user.id;
    const bob = await seedMember(first.url, 'durable', 'bob-id', 'Bob');

    const item = await addResolved(bob.socket, 'durable', LONG);
    const said = await bob.socket.emitWithAck('send_message', {
      roomId: 'durable',
      message: 'see you on the other side',
    });
    expect(said.ok).toBe(true);
    const played = await alice.emitWithAck('player_play', { roomId: 'durable', time: 12 });
    expect(played.ok).toBe(true);

    const dropped = new Promise<string>((resolve) => alice.once('disconnect', resolve));
    await stop(first);
    expect(await dropped).toBe('transport close');
    const aliceBack = connected(alice);
    const second = await server({ PORT: port });

    const carol = await seedMember(second.url, 'durable', 'carol-id', 'Carol');
    const room = carol.ack.room;
    expect(room.queue).toEqual([item]);
    expect(room.messages.map((m) => m.text)).toContain('see you on the other side');
    expect(room.users).toEqual([carol.ack.user]);
    expect(room.playing).toBe(true);
    expect(room.currentTime).toBeGreaterThanOrEqual(12);
    const firstSeen = room.currentTime;
    await eventuallyAsync(async () => {
      const again = await carol.socket.emitWithAck('join_room', {
        roomId: 'durable',
        userId: 'carol-id',
        name: 'Carol',
      });
      return again.ok && again.room.playing && again.room.currentTime > firstSeen + 0.2;
    }, 10_000);

    // Alice's client reconnected with its old session id and talks without joining.
    await aliceBack;
    const heard = next(carol.socket, 'new_message');
    const back = await alice.emitWithAck('send_message', { roomId: 'durable', message: 'me!' });
    expect(back.ok).toBe(true);
    const message: ChatMessage = await heard;
    expect(message).toMatchObject({ text: 'me!', user: 'Alice', userId: aliceId });
  });

  it('a restored room that was playing still moves to the next clip at the end', async () => {
    const first = await server();
    const { socket } = await seedMember(first.url, 'onwards', 'dee-id', 'Dee');
    await addResolved(socket, 'onwards', SHORT);
    await addResolved(socket, 'onwards', OTHER);
    const played = await socket.emitWithAck('player_play', { roomId: 'onwards', time: 0 });
    expect(played.ok).toBe(true);
    await stop(first);

    // Nobody comes back: only the restored timer can end the clip.
    const second = await server();
    expect((await second.store.get('onwards'))?.currentVideoIndex).toBe(0);
    await eventuallyAsync(
      async () => (await second.store.get('onwards'))?.currentVideoIndex === 1,
      15_000,
    );
    expect((await second.store.get('onwards'))?.playback.playing).toBe(true);
  });

  it('restored rooms are still removed when idle', async () => {
    const first = await server();
    const { socket } = await seedMember(first.url, 'fading', 'eve-id', 'Eve');
    await socket.emitWithAck('send_message', { roomId: 'fading', message: 'bye' });
    await stop(first);

    const { logger, lines } = captureLogs('info');
    const second = await server(
      { ROOM_IDLE_SECONDS: '1', ROOM_CLEANUP_INTERVAL_SECONDS: '1' },
      { logger },
    );
    expect(lines.find((l) => l.msg === 'restored rooms from the snapshot')).toMatchObject({
      rooms: 1,
    });
    await eventuallyAsync(async () => (await second.store.get('fading')) === undefined, 10_000);
  });

  it('a corrupt snapshot file is kept aside with a warning and the server starts empty', async () => {
    await writeFile(path.join(dataDir, 'rooms.json'), '{"version":1,"rooms":[{"id":"tor');
    const { logger, lines } = captureLogs('info');
    const app = await server({}, { logger });
    expect(await app.store.count()).toBe(0);
    const files = await readdir(dataDir);
    expect(files.filter((f) => f.startsWith('rooms.json.corrupt-'))).toHaveLength(1);
    expect(lines.filter((l) => l.level === WARN).map((l) => l.msg)).toContain(
      'room snapshot is unreadable; kept aside, starting without it',
    );
    // And it works: a room can be made and is written to a fresh snapshot on close.
    await seedMember(app.url, 'fresh', 'fay-id', 'Fay');
    await stop(app);
    const again = await server();
    expect(await again.store.get('fresh')).toMatchObject({ id: 'fresh', members: [] });
  });
});
