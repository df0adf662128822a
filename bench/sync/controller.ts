import { performance } from 'node:perf_hooks';
import {
  PROTOCOL_VERSION,
  type AckResponse,
  type ClientToServerEvents,
  type PlayerStatePayload,
  type ServerToClientEvents,
  type VideoItem,
} from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/** Real time, ms since the epoch, sub-millisecond (the pages' sampler uses the same). */
export const realNow = (): number => performance.timeOrigin + performance.now();

async function connect(url: string): Promise<ControlSocket> {
  const socket: ControlSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The acknowledgement, or an error if it takes longer than ACK_TIMEOUT_MS. */
async function inTime<T>(what: string, pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what}: no answer in ${ACK_TIMEOUT_MS} ms`));
    }, ACK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The acknowledgement's content, once it arrived in time and said yes. */
async function ok<T extends object>(what: string, pending: Promise<AckResponse<T>>): Promise<T> {
  const response = await inTime(what, pending);
  if (!response.ok) throw new Error(`${what} refused: ${response.error.message}`);
  return response;
}

/** A `player_state` as the controller received it, stamped with real time. */
export interface ReceivedState {
  state: PlayerStatePayload;
  receivedAt: number;
}

/**
 * The bench's own participant in the room, connected straight to the app (no proxy) and
 * never viewing: it fills the queue and watches playback. Joins as a seed client (no
 * protocol version), so it is never a viewer the room waits for.
 */
export class Controller {
  queue: VideoItem[] = [];
  index = 0;
  readonly states: ReceivedState[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly socket: ControlSocket,
    readonly roomId: string,
  ) {
    socket.on('update_queue', (queue) => {
      this.queue = queue;
      this.changed();
    });
    socket.on('update_index', (index) => {
      this.index = index;
      this.changed();
    });
    socket.on('player_state', (state) => {
      this.states.push({ state, receivedAt: realNow() });
      this.changed();
    });
  }

  static async join(appUrl: string, roomId: string): Promise<Controller> {
    const socket = await connect(appUrl);
    const controller = new Controller(socket, roomId);
    const joined = await ok(
      'join_room',
      socket.emitWithAck('join_room', { roomId, userId: 'bench-controller', name: 'Bench' }),
    );
    controller.queue = joined.room.queue;
    controller.index = joined.room.currentVideoIndex;
    return controller;
  }

  /** Adds the links in order and waits until every one is resolved to a playable file. */
  async fill(urls: readonly string[], timeoutMs = 30_000): Promise<void> {
    for (const url of urls) {
      await ok(
        'add_video',
        this.socket.emitWithAck('add_video', { roomId: this.roomId, video: { url } }),
      );
    }
    await this.until(
      () =>
        this.queue.length === urls.length &&
        this.queue.every((item) => item.mp4Url !== undefined && item.isProcessing !== true),
      timeoutMs,
      'the queue to resolve',
    );
  }

  /** Moves the room to `index` and starts it from 0 (what a person does by hand). */
  async playIndex(index: number): Promise<void> {
    await ok(
      'change_video',
      this.socket.emitWithAck('change_video', { roomId: this.roomId, index }),
    );
    // Broadcasts reach us before the acknowledgement: the state is the new clip's.
    if (this.latest()?.state.playing === true) return;
    await ok(
      'player_play',
      this.socket.emitWithAck('player_play', { roomId: this.roomId, time: 0 }),
    );
  }

  latest(): ReceivedState | undefined {
    return this.states.at(-1);
  }

  /**
   * Real time at which the current clip was (or is scheduled to be) at 0, from the last
   * `player_state`, while it plays; undefined when paused.
   */
  clipZero(): number | undefined {
    const last = this.latest();
    if (!last?.state.playing) return undefined;
    const { state, receivedAt } = last;
    const lead = Math.max(0, state.updatedAt - state.serverTime);
    return receivedAt + lead - (state.time * 1000) / state.rate;
  }

  /** Resolves once `test()` holds (checked on every event and every 50 ms). */
  async until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = realNow() + timeoutMs;
    while (!test()) {
      if (realNow() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 50);
        this.waiters.add(done);
      });
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

const autoplayAck = z.object({
  ok: z.literal(true),
  room: z.object({ autoplay: z.literal(true) }),
});

/**
 * Whether the app advances to the next clip by itself (protocol 2 with autoplay on),
 * asked in a room of its own as a current client would.
 */
export async function probeAutoAdvance(appUrl: string): Promise<boolean> {
  const socket = await connect(appUrl);
  try {
    const response: unknown = await inTime(
      'join_room (probe)',
      socket.emitWithAck('join_room', {
        roomId: `bench-probe-${Date.now().toString(36)}`,
        userId: 'bench-probe',
        protocolVersion: PROTOCOL_VERSION,
      }),
    );
    // An older server refuses the version, or answers without the setting.
    return autoplayAck.safeParse(response).success;
  } finally {
    socket.disconnect();
  }
}
