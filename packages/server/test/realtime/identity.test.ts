import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatMessage, RoomStateView, UserInfo } from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_FILE } from '../../src/session/session-secret.js';
import { SessionTokens } from '../../src/session/session-tokens.js';
import {
  collect,
  connect,
  emitRaw,
  eventually,
  joinAs,
  next,
  sessionOf,
  type TestSocket,
} from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'identity-test-secret-0123456789-abcdefghij';
const DAY = 24 * 60 * 60 * 1000;

describe('identity', () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function server(env: Record<string, string> = {}): Promise<TestServer> {
    const started = await startTestServer({ SESSION_SECRET: SECRET, ...env });
    servers.push(started);
    return started;
  }

  async function client(url: string, token?: string): Promise<TestSocket> {
    const socket = await connect(url, token === undefined ? {} : { token });
    sockets.push(socket);
    return socket;
  }

  async function member(url: string, roomId: string, userId: string, name: string, token?: string) {
    const joined = await joinAs(url, roomId, userId, name, 2, token === undefined ? {} : { token });
    sockets.push(joined.socket);
    return { ...joined, session: await sessionOf(joined.socket) };
  }

  it('a client without a token is given one and a public id, which its join answers', async () => {
    const app = await server();
    const socket = await client(app.url);
    const session = await sessionOf(socket);
    expect(session.token.split('.')).toHaveLength(3);
    expect(session.userId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(session.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY);
    const ack = await socket.emitWithAck('join_room', {
      roomId: 'hello',
      userId: 'made-up-id',
      name: 'Ann',
    });
    expect(ack.ok && ack.user).toEqual({ id: session.userId, name: 'Ann' });
    expect((await app.store.get('hello'))?.members.map((m) => m.id)).toEqual([session.userId]);
  });

  it('the same token is the same person: a reconnect and a second tab are one member', async () => {
    const app = await server();
    const first = await member(app.url, 'tabs', 'tab-one', 'Ann');
    const watcher = await member(app.url, 'tabs', 'watcher', 'Wes');
    const lines = collect(watcher.socket, 'system_message');
    const second = await member(app.url, 'tabs', 'tab-two', 'Ann', first.session.token);
    expect(second.session.userId).toBe(first.session.userId);
    expect(second.ack.user.id).toBe(first.session.userId);
    const room = await app.store.get('tabs');
    expect(room?.members.map((m) => m.id)).toEqual([first.session.userId, watcher.session.userId]);
    // Closing one tab leaves the person in the room.
    const open = () => app.io.of('/').sockets.size;
    first.socket.disconnect();
    await eventually(() => open() === 2);
    expect(lines).toEqual([]);
    expect((await app.store.get('tabs'))?.members).toHaveLength(2);
    // Closing the other one too: now Ann has left.
    second.socket.disconnect();
    await eventually(() => lines.some((line) => line.text === 'Ann left'));
    expect((await app.store.get('tabs'))?.members.map((m) => m.id)).toEqual([
      watcher.session.userId,
    ]);
  });

  it('a stolen public id makes nobody someone else', async () => {
    const app = await server();
    const alice = await member(app.url, 'heist', 'alice', 'Alice');
    const aliceId = alice.session.userId;
    const heard: ChatMessage[] = collect(alice.socket, 'new_message');
    const lists: UserInfo[][] = collect(alice.socket, 'room_users');

    // Mallory joins with Alice's public id, as a seed client would send it.
    const mallory = await member(app.url, 'heist', aliceId, 'Mallory');
    const malloryId = mallory.ack.user.id;
    expect(malloryId).not.toBe(aliceId);
    expect(mallory.session.userId).toBe(malloryId);
    // She is listed, under her own id: nobody listens unseen.
    await eventually(() => lists.some((users) => users.length === 2));
    expect(lists.at(-1)).toEqual([
      { id: aliceId, name: 'Alice' },
      { id: malloryId, name: 'Mallory' },
    ]);

    // Joining again with Alice's id and Alice's name renames only herself.
    const again = await mallory.socket.emitWithAck('join_room', {
      roomId: 'heist',
      userId: aliceId,
      name: 'Alice',
    });
    expect(again.ok && again.user).toEqual({ id: malloryId, name: 'Alice' });
    const renamed = await mallory.socket.emitWithAck('set_name', { roomId: 'heist', name: 'Al' });
    expect(renamed.ok && renamed.user).toEqual({ id: malloryId, name: 'Al' });

    // Her messages are hers, even when she names Alice as the sender.
    const smuggled: Record<string, unknown> = {
      roomId: 'heist',
      message: 'I owe Mallory money',
      userId: aliceId,
      user: 'Alice',
    };
    const sent = await emitRaw(mallory.socket, 'send_message', smuggled);
    expect(sent).toMatchObject({ ok: true, message: { userId: malloryId, user: 'Al' } });
    await eventually(() => heard.some((m) => m.text === 'I owe Mallory money'));
    expect(heard.filter((m) => m.userId === aliceId)).toEqual([]);

    // A plain socket that presents Alice's public id as its token is a stranger too.
    const asToken = await member(app.url, 'heist', aliceId, 'Eve', aliceId);
    expect(asToken.ack.user.id).not.toBe(aliceId);

    const room = await app.store.get('heist');
    expect(room?.members.map((m) => ({ id: m.id, name: m.name }))).toEqual([
      { id: aliceId, name: 'Alice' },
      { id: malloryId, name: 'Al' },
      { id: asToken.ack.user.id, name: 'Eve' },
    ]);
  });

  it('a forged or expired token gets a fresh identity', async () => {
    const app = await server();
    const owner = await member(app.url, 'fresh', 'owner', 'Olga');
    const forger = new SessionTokens('some-other-secret-0123456789-abcdefghijkl');
    const forged = await forger.issue(owner.session.userId);
    const past = Date.now() - 40 * DAY;
    const expired = await new SessionTokens(SECRET, { clock: () => past }).issue();
    const [header, , signature] = owner.session.token.split('.');
    const tampered = `${header ?? ''}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${signature ?? ''}`;
    const seen = new Set<string>([owner.session.userId]);
    for (const token of [forged.token, expired.token, tampered, 'garbage']) {
      const socket = await client(app.url, token);
      const session = await sessionOf(socket);
      expect(session.token).not.toBe(token);
      expect(seen.has(session.userId)).toBe(false);
      seen.add(session.userId);
    }
    expect(seen.has(expired.userId)).toBe(false);
  });

  it('a token past half its lifetime is renewed for the same person', async () => {
    const app = await server();
    const then = Date.now() - 16 * DAY;
    const old = await new SessionTokens(SECRET, { clock: () => then }).issue();
    const socket = await client(app.url, old.token);
    const session = await sessionOf(socket);
    expect(session.userId).toBe(old.userId);
    expect(session.token).not.toBe(old.token);
    expect(session.expiresAt).toBeGreaterThan(old.expiresAt);
  });

  it('without SESSION_SECRET the secret is kept in DATA_DIR and survives a restart', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'wt-identity-')), 'data');
    dirs.push(path.dirname(dataDir));
    const first = await server({ SESSION_SECRET: '', DATA_DIR: dataDir });
    const before = await member(first.url, 'kept', 'me', 'Kim');
    expect((await stat(path.join(dataDir, SECRET_FILE))).mode & 0o777).toBe(0o600);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await server({ SESSION_SECRET: '', DATA_DIR: dataDir });
    const after = await member(second.url, 'kept', 'me', 'Kim', before.session.token);
    expect(after.session.userId).toBe(before.session.userId);
    expect(after.ack.user.id).toBe(before.session.userId);
  });

  it('a plain client without auth still completes the seed flow', async () => {
    const app = await server();
    const friend = await member(app.url, 'seed', 'friend', 'Fay');
    const plain = io(app.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(plain);
    const state = new Promise<RoomStateView>((resolve) => plain.once('room_state', resolve));
    const joined: unknown = await plain.emitWithAck('join_room', {
      roomId: 'seed',
      userId: 'seed-user',
      name: 'Sid',
    });
    expect(joined).toMatchObject({ ok: true, user: { name: 'Sid' } });
    expect((await state).users.map((u) => u.name)).toEqual(['Fay', 'Sid']);
    const heard = next(friend.socket, 'new_message');
    const sent: unknown = await plain.emitWithAck('send_message', {
      roomId: 'seed',
      message: 'hi',
    });
    expect(sent).toMatchObject({ ok: true });
    const message = await heard;
    expect(message).toMatchObject({ user: 'Sid', text: 'hi' });
    expect(message.userId).not.toBe(friend.session.userId);
    expect(message.userId).not.toBe('seed-user');
  });
});
