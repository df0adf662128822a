import {
  Limits,
  PROTOCOL_VERSION,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type OutboundPayloadInput,
} from '@wt/protocol';
import { emitWithAck } from '../lib/ack';
import { ServerClock } from '../lib/clock';
import { cleanDisplayName } from '../lib/display-name';
import { saveDisplayName } from '../lib/identity';
import { createRoomSocket, type RoomSocket } from '../lib/socket';
import { initialRoomView, roomReducer, type RoomAction, type RoomView } from './room-reducer';

type Result<E extends InboundEvent> = Promise<AckResponse<AckResults[E]>>;

const PING_TIMEOUT_MS = 3_000;
const RESYNC_PINGS = 3;

/**
 * One room session: owns the socket and the server clock, turns every server event
 * into a reducer action, and offers the commands as promise-returning methods that
 * resolve to the acknowledgement (never reject). React reads it through
 * `useSyncExternalStore` (see `RoomContext`).
 */
export class RoomClient {
  readonly clock: ServerClock;
  private view: RoomView;
  private readonly listeners = new Set<() => void>();
  private name: string;
  private hasJoined = false;

  constructor(
    readonly roomId: string,
    readonly userId: string,
    name: string,
    private readonly socket: RoomSocket = createRoomSocket(),
  ) {
    this.name = name;
    this.view = initialRoomView(roomId);
    this.clock = new ServerClock({ ping: (clientTime) => this.ping(clientTime) });
    this.listen();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomView => this.view;

  get displayName(): string {
    return this.name;
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    this.clock.stop();
    this.socket.disconnect();
  }

  /** After a refused join: try again on the same connection. */
  retryJoin(): void {
    if (this.socket.connected) void this.join();
    else this.socket.connect();
  }

  addVideo(url: string): Result<'add_video'> {
    return this.request('add_video', { roomId: this.roomId, video: { url } });
  }

  removeVideo(index: number): Result<'remove_video'> {
    return this.request('remove_video', { roomId: this.roomId, index });
  }

  changeVideo(index: number): Result<'change_video'> {
    return this.request('change_video', { roomId: this.roomId, index });
  }

  retryVideo(id: number): Result<'retry_video'> {
    return this.request('retry_video', { roomId: this.roomId, id });
  }

  sendMessage(text: string): Result<'send_message'> {
    return this.request('send_message', { roomId: this.roomId, message: text });
  }

  play(time: number): Result<'player_play'> {
    return this.request('player_play', { roomId: this.roomId, time: clampTime(time) });
  }

  pause(time: number): Result<'player_pause'> {
    return this.request('player_pause', { roomId: this.roomId, time: clampTime(time) });
  }

  seek(time: number): Result<'player_seek'> {
    return this.request('player_seek', { roomId: this.roomId, time: clampTime(time) });
  }

  requestCountdown(): Result<'request_countdown'> {
    return this.request('request_countdown', { roomId: this.roomId });
  }

  async setName(input: string): Result<'set_name'> {
    const name = cleanDisplayName(input) ?? input;
    const result = await this.request('set_name', { roomId: this.roomId, name });
    if (result.ok) {
      this.name = result.user.name;
      saveDisplayName(result.user.name);
      this.dispatch({ type: 'renamed', user: result.user });
    }
    return result;
  }

  private request<E extends InboundEvent>(event: E, payload: OutboundPayloadInput<E>): Result<E> {
    return emitWithAck(this.socket, event, payload);
  }

  private dispatch(action: RoomAction): void {
    const next = roomReducer(this.view, action);
    if (next === this.view) return;
    this.view = next;
    for (const listener of this.listeners) listener();
  }

  private async ping(clientTime: number): Promise<number | undefined> {
    const result = await emitWithAck(this.socket, 'time_sync', { clientTime }, PING_TIMEOUT_MS);
    return result.ok ? result.serverTime : undefined;
  }

  /** (Re)joins: the server forgets a socket's room when it disconnects. */
  private async join(): Promise<void> {
    this.dispatch({ type: 'status', status: 'joining' });
    const result = await emitWithAck(this.socket, 'join_room', {
      roomId: this.roomId,
      userId: this.userId,
      name: this.name,
      protocolVersion: PROTOCOL_VERSION,
    });
    if (!this.socket.connected) return; // Dropped meanwhile: the next `connect` joins again.
    if (!result.ok) {
      this.dispatch({ type: 'join_failed', error: result.error });
      return;
    }
    // `room_state` arrives before the acknowledgement; the ack's copy is only a fallback.
    if (!this.view.loaded) this.dispatch({ type: 'room_state', room: result.room });
    this.dispatch({ type: 'joined', user: result.user });
    if (this.hasJoined) void this.clock.sync(RESYNC_PINGS);
    else void this.clock.start();
    this.hasJoined = true;
  }

  private listen(): void {
    const { socket } = this;
    socket.on('connect', () => {
      void this.join();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.dispatch({ type: 'status', status: 'reconnecting' });
      // The server closed us on purpose: Socket.io does not retry that by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      if (this.view.status !== 'failed') {
        this.dispatch({ type: 'status', status: this.hasJoined ? 'reconnecting' : 'connecting' });
      }
    });
    socket.on('room_state', (room) => {
      this.dispatch({ type: 'room_state', room });
    });
    socket.on('update_queue', (queue) => {
      this.dispatch({ type: 'update_queue', queue });
    });
    socket.on('update_index', (index) => {
      this.dispatch({ type: 'update_index', index });
    });
    socket.on('new_message', (message) => {
      this.dispatch({ type: 'new_message', message });
    });
    socket.on('system_message', (message) => {
      this.dispatch({ type: 'system_message', message });
    });
    socket.on('player_state', (state) => {
      this.dispatch({ type: 'player_state', state });
    });
    socket.on('start_countdown', (seconds) => {
      this.dispatch({ type: 'start_countdown', seconds, serverNow: this.clock.now() });
    });
    socket.on('room_users', (users) => {
      this.dispatch({ type: 'room_users', users });
    });
    socket.on('room_users_count', (count) => {
      this.dispatch({ type: 'room_users_count', count });
    });
  }
}

function clampTime(time: number): number {
  return Number.isFinite(time) ? Math.min(Math.max(0, time), Limits.maxTimeSeconds) : 0;
}
