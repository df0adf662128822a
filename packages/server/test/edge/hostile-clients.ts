import type { RoomStateView } from '@wt/protocol';
import type { Socket } from 'socket.io-client';
import { connect, eventuallyAsync, type TestSocket } from '../support/client.js';
import { ackProblem } from './hostile-ack-oracle.js';
import type { HostileEmit } from './hostile-payloads.js';

/** How long an acknowledgement may take before the emit counts as unanswered. */
const ACK_TIMEOUT_MS = 15_000;

/**
 * Attacking connections, each from its own loopback address, all in the arena room. A
 * connection the server drops is replaced (and put back in the arena) before its next emit;
 * the drops are recorded.
 */
export class AttackerPool {
  private readonly sockets: (TestSocket | undefined)[];
  readonly drops: string[] = [];
  /** Emits answered `{ok: true}` (payloads that were valid, and did something). */
  accepted = 0;

  constructor(
    private readonly url: string,
    private readonly arena: string,
    private readonly addresses: readonly string[],
  ) {
    this.sockets = addresses.map(() => undefined);
  }

  get size(): number {
    return this.addresses.length;
  }

  /** A connected socket for slot `slot`, in the arena. */
  async socket(slot: number): Promise<Socket> {
    const current = this.sockets[slot];
    if (current?.connected === true) return current;
    const address = this.addresses[slot];
    if (address === undefined) throw new Error(`no attacker ${String(slot)}`);
    const socket = await connect(this.url, {}, { localAddress: address });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.drops.push(`${address}: ${reason}`);
    });
    await this.enterArena(socket, slot);
    this.sockets[slot] = socket;
    return socket;
  }

  private async enterArena(socket: TestSocket, slot: number): Promise<void> {
    const joined = await socket.emitWithAck('join_room', {
      roomId: this.arena,
      userId: 'attacker',
      name: `Attacker ${String(slot)}`,
      protocolVersion: 3,
    });
    if (!joined.ok) throw new Error(`attacker could not join: ${joined.error.message}`);
  }

  /** Puts every attacker back in the arena (generated joins take them to other rooms). */
  async regroup(): Promise<void> {
    await Promise.all(
      this.sockets.map(async (socket, slot) => {
        if (socket?.connected === true) await this.enterArena(socket, slot);
      }),
    );
  }

  /**
   * Sends `emits` over every connection at once (`window` in flight per connection) and
   * returns every problem found: a malformed answer, or none at all. An emit lost with a
   * dropped connection is sent once more on its replacement.
   */
  async fire(emits: readonly HostileEmit[], window = 24): Promise<string[]> {
    const problems: string[] = [];
    const lanes = Array.from({ length: this.size }, (_, slot) =>
      emits.filter((_, i) => i % this.size === slot),
    );
    await Promise.all(
      lanes.map(async (lane, slot) => {
        for (let start = 0; start < lane.length; start += window) {
          await Promise.all(
            lane.slice(start, start + window).map((emit) => this.send(slot, emit, problems)),
          );
        }
      }),
    );
    return problems;
  }

  private async send(
    slot: number,
    emit: HostileEmit,
    problems: string[],
    retry = true,
  ): Promise<void> {
    const socket = await this.socket(slot);
    if (!emit.ack) {
      socket.emit(emit.event, ...emit.args);
      return;
    }
    let ack: unknown;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(emit.event, ...emit.args);
    } catch (error: unknown) {
      if (retry && !socket.connected) {
        await this.send(slot, emit, problems, false);
        return;
      }
      problems.push(`${describeEmit(emit)}: no answer (${String(error)})`);
      return;
    }
    if (typeof ack === 'object' && ack !== null && 'ok' in ack && ack.ok === true)
      this.accepted += 1;
    const problem = ackProblem(emit, ack);
    if (problem !== undefined) problems.push(`${describeEmit(emit)}: ${problem}`);
  }

  close(): void {
    for (const socket of this.sockets) socket?.disconnect();
  }
}

/** A short, printable description of an emit (long values cut). */
export function describeEmit(emit: HostileEmit): string {
  const text = JSON.stringify([emit.event, ...emit.args]);
  return text.length > 200 ? `${text.slice(0, 200)}… (${String(text.length)} chars)` : text;
}

/** The room as a newcomer sees it: join with a fresh connection, read the join's ack, leave. */
export async function readRoom(
  url: string,
  roomId: string,
  reader: string,
  address: string,
): Promise<RoomStateView> {
  const socket = await connect(url, {}, { localAddress: address });
  try {
    const ack = await socket.emitWithAck('join_room', {
      roomId,
      userId: 'reader',
      name: reader,
      protocolVersion: 3,
    });
    if (!ack.ok) throw new Error(`could not read ${roomId}: ${ack.error.message}`);
    return ack.room;
  } finally {
    socket.disconnect();
  }
}

/**
 * The parts of a room no outsider may change: its queue, chat, playback, settings and
 * members. Lines about the readers' own visits (joined, left) are left out, as are the
 * readers themselves and the clocks of the view.
 */
export function protectedParts(room: RoomStateView, readers: readonly string[]) {
  const aboutReader = (text: string) => readers.some((name) => text.startsWith(`${name} `));
  const { serverTime: _serverTime, ...player } = room.player;
  return {
    id: room.id,
    queue: room.queue,
    messages: room.messages.filter((m) => !(m.isSystem === true && aboutReader(m.text))),
    currentVideoIndex: room.currentVideoIndex,
    playing: room.playing,
    currentTime: room.currentTime,
    countdownEndsAt: room.countdownEndsAt,
    player,
    playback: room.playback,
    loop: room.loop,
    autoplay: room.autoplay,
    users: room.users.filter((user) => !readers.includes(user.name)),
  };
}

/**
 * A room with a resolved queue of two clips, chat, and playback paused on the second clip
 * (paused, so nothing in it moves while the attack runs). Returns its owner's connection,
 * which stays in the room.
 */
export async function setUpBystanderRoom(
  url: string,
  roomId: string,
  address: string,
): Promise<TestSocket> {
  const owner = await connect(url, {}, { localAddress: address });
  const ok = (ack: { ok: boolean }, what: string): void => {
    if (!ack.ok) throw new Error(`bystander room: ${what} failed: ${JSON.stringify(ack)}`);
  };
  ok(
    await owner.emitWithAck('join_room', {
      roomId,
      userId: 'owner',
      name: 'Bystander',
      protocolVersion: 2,
    }),
    'join',
  );
  for (const id of ['7400000000000000001', '7400000000000000002']) {
    ok(
      await owner.emitWithAck('add_video', {
        roomId,
        video: { url: `https://www.tiktok.com/@a/video/${id}` },
      }),
      'add',
    );
  }
  await eventuallyAsync(async () => {
    const room = await readRoom(url, roomId, 'Probe', address);
    return room.queue.length === 2 && room.queue.every((item) => item.isProcessing !== true);
  }, 15_000);
  ok(await owner.emitWithAck('send_message', { roomId, message: 'keep me' }), 'chat');
  ok(await owner.emitWithAck('change_video', { roomId, index: 1 }), 'change');
  ok(await owner.emitWithAck('player_play', { roomId, time: 0 }), 'play');
  ok(await owner.emitWithAck('player_pause', { roomId, time: 1.5 }), 'pause');
  ok(await owner.emitWithAck('set_loop', { roomId, mode: 'all' }), 'loop');
  return owner;
}
