import {
  ErrorCode,
  Limits,
  PROTOCOL_VERSION,
  protocolError,
  type AckResponse,
  type AckResults,
  type InboundEvent,
  type LoopMode,
  type OutboundPayloadInput,
  type Reaction,
  type ReactionEmoji,
} from '@wt/protocol';
import { emitWithAck } from '../lib/ack';
import { ServerClock, type ClockSample } from '../lib/clock';
import { cleanDisplayName } from '../lib/display-name';
import { loadSessionToken, saveDisplayName, saveSessionToken } from '../lib/identity';
import { createRoomSocket, type RoomSocket } from '../lib/socket';
import type { RoomPreview } from '../lib/snapshot/room-preview';
import type { EngineReports } from '../lib/sync/engine';
import { DeltaStream } from './delta-stream';
import { initialRoomView, roomReducer, type RoomAction, type RoomView } from './room-reducer';
import { SyncReports, type SyncReportFields } from './sync-reports';

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
  /** What the player reports to the server (the sync engine's `reports`). */
  readonly reports: EngineReports;
  private view: RoomView;
  private readonly listeners = new Set<() => void>();
  private readonly syncReports: SyncReports;
  /** Clip lengths read here, sent once each (again after a reconnect if not yet sent). */
  private readonly durations = new Map<number, { seconds: number; sent: boolean }>();
  private name: string;
  /** Our public id, from the server's `session` event. */
  private sessionUserId: string | undefined;
  private hasJoined = false;
  /** In the room on the current connection: reports may be sent. */
  private inRoom = false;
  /** The room's changes in revision order on top of the room we hold. */
  private readonly deltas: DeltaStream;
  /** The room's password as the person typed it, sent with every join (kept in memory only). */
  private password: string | undefined;
  /** The host removed us: no join happens by itself any more (the person may try again). */
  private removed = false;
  /** Reactions are moments, not room state: they go to listeners, not into the view. */
  private readonly reactionListeners = new Set<(reaction: Reaction) => void>();

  constructor(
    readonly roomId: string,
    /** Sent in `join_room` until the server has said who we are; never our identity. */
    private readonly userIdHint: string,
    name: string,
    private readonly socket: RoomSocket = createRoomSocket(loadSessionToken),
  ) {
    this.name = name;
    this.view = initialRoomView(roomId);
    this.deltas = new DeltaStream({
      apply: (delta) => {
        this.dispatch({ type: 'changes', changes: delta.changes, serverNow: this.clock.now() });
      },
      resync: () => {
        void this.resync();
      },
    });
    this.clock = new ServerClock({
      ping: (clientTime) => this.ping(clientTime),
      onBurst: (best) => {
        this.syncReports.rtt(best.rtt);
      },
    });
    this.syncReports = new SyncReports(
      (fields) => {
        this.sendReport(fields);
      },
      () => this.clock.local(),
    );
    this.reports = {
      ready: (epoch) => {
        this.syncReports.ready(epoch);
      },
      preloaded: (itemId) => {
        this.syncReports.preloaded(itemId);
      },
      status: (status) => {
        this.syncReports.status(status);
      },
      duration: (itemId, seconds) => {
        this.durations.set(itemId, { seconds, sent: false });
        this.sendDurations();
      },
      ended: (itemId) => {
        if (!this.inRoom) return;
        // A fallback for the server's own timer; whether it advanced, the next
        // `player_state` tells everyone, so the acknowledgement needs no handling.
        void this.request('video_ended', { roomId: this.roomId, itemId });
      },
    };
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

  /**
   * Before `start()`: the room as the page's snapshot showed it, and the clock sample its
   * request gave (see `lib/snapshot/`). The player loads and aims the clip from it while
   * the socket connects; the join's `room_state` replaces it, and better pings replace
   * the sample.
   */
  seed(preview: RoomPreview, sample: ClockSample | undefined): void {
    if (sample) this.clock.addSample(sample);
    this.dispatch({ type: 'room_preview', room: preview });
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    this.clock.stop();
    this.syncReports.dispose();
    this.deltas.reset();
    this.socket.disconnect();
  }

  /** After a refused join: try again on the same connection. */
  retryJoin(): void {
    this.removed = false;
    if (this.socket.connected) void this.join();
    else this.socket.connect();
  }

  /** Joins a room that asked for a password, with this one. */
  joinWithPassword(password: string): void {
    this.password = password;
    this.retryJoin();
  }

  setLocked(locked: boolean): Result<'set_locked'> {
    return this.request('set_locked', { roomId: this.roomId, locked });
  }

  setCoHost(userId: string, coHost: boolean): Result<'set_co_host'> {
    return this.request('set_co_host', { roomId: this.roomId, userId, coHost });
  }

  kick(userId: string, ban: boolean): Result<'kick_member'> {
    return this.request('kick_member', { roomId: this.roomId, userId, ban });
  }

  transferHost(userId: string): Result<'transfer_host'> {
    return this.request('transfer_host', { roomId: this.roomId, userId });
  }

  /** Sets the room's password, or clears it (`null`). */
  setPassword(password: string | null): Result<'set_password'> {
    return this.request('set_password', { roomId: this.roomId, password });
  }

  voteSkip(): Result<'vote_skip'> {
    return this.request('vote_skip', { roomId: this.roomId });
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

  /** Moves the entry `itemId` so that it ends up at `toIndex`. */
  moveVideo(itemId: number, toIndex: number): Result<'move_video'> {
    return this.request('move_video', { roomId: this.roomId, itemId, toIndex });
  }

  playNext(itemId: number): Result<'play_next'> {
    return this.request('play_next', { roomId: this.roomId, itemId });
  }

  shuffleQueue(): Result<'shuffle_queue'> {
    return this.request('shuffle_queue', { roomId: this.roomId });
  }

  clearQueue(keepCurrent: boolean): Result<'clear_queue'> {
    return this.request('clear_queue', { roomId: this.roomId, keepCurrent });
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

  setLoop(mode: LoopMode): Result<'set_loop'> {
    return this.request('set_loop', { roomId: this.roomId, mode });
  }

  setAutoplay(enabled: boolean): Result<'set_autoplay'> {
    return this.request('set_autoplay', { roomId: this.roomId, enabled });
  }

  /** A reaction at `clipTime` of clip `itemId`; ours shows from the acknowledgement. */
  async sendReaction(
    emoji: ReactionEmoji,
    itemId: number,
    clipTime: number,
  ): Result<'send_reaction'> {
    const result = await this.request('send_reaction', {
      roomId: this.roomId,
      emoji,
      itemId,
      clipTime: clampTime(clipTime),
    });
    if (result.ok) this.emitReaction(result.reaction);
    return result;
  }

  /** Every reaction in the room from now on (ours included); returns the unsubscribe. */
  readonly onReaction = (listener: (reaction: Reaction) => void): (() => void) => {
    this.reactionListeners.add(listener);
    return () => this.reactionListeners.delete(listener);
  };

  private emitReaction(reaction: Reaction): void {
    for (const listener of this.reactionListeners) listener(reaction);
  }

  /** A fresh clock-sync burst (the Resync control; the player then re-starts itself). */
  resyncClock(): Promise<void> {
    return this.clock.sync(RESYNC_PINGS);
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
    // Before the first join nothing is ours to ask (what shows may be the page's preview).
    if (!this.hasJoined) {
      return Promise.resolve({
        ok: false,
        error: protocolError(
          ErrorCode.NOT_IN_ROOM,
          'Still joining the room. Try again in a moment.',
        ),
      });
    }
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

  private sendReport(fields: SyncReportFields): void {
    if (!this.inRoom) return; // Said again in full once we are back in the room.
    void this.request('sync_report', { roomId: this.roomId, ...fields }).then((result) => {
      // A refusal (rate limit, timeout) is not retried on its own: the next report, or the
      // full resend after a join, carries the latest state. Only a server that no longer
      // has us in the room needs more: we join again (which resends everything).
      if (!result.ok && result.error.code === ErrorCode.NOT_IN_ROOM && this.inRoom) {
        void this.join();
      }
    });
  }

  private sendDurations(): void {
    if (!this.inRoom) return;
    for (const [itemId, entry] of this.durations) {
      if (entry.sent) continue;
      entry.sent = true;
      void this.request('media_duration', {
        roomId: this.roomId,
        itemId,
        duration: entry.seconds,
      }).then((result) => {
        // Refused only when the clip left the queue or is already known: nothing to redo.
        if (!result.ok && result.error.code === ErrorCode.TIMEOUT) entry.sent = false;
      });
    }
  }

  /** Back in the room on this connection: the server hears everything about our player. */
  private enteredRoom(): void {
    this.inRoom = true;
    this.syncReports.resendAll();
    for (const entry of this.durations.values()) entry.sent = false;
    this.sendDurations();
  }

  /**
   * (Re)joins: the server forgets a socket's room when it disconnects. The clock-sync
   * burst goes out first, before the join, so its pings are not queued behind the join
   * on the server and the clock is known by the time `room_state` arrives.
   */
  private joinPayload(): OutboundPayloadInput<'join_room'> {
    return {
      roomId: this.roomId,
      userId: this.sessionUserId ?? this.userIdHint,
      name: this.name,
      protocolVersion: PROTOCOL_VERSION,
      ...(this.password === undefined ? {} : { password: this.password }),
    };
  }

  private async join(): Promise<void> {
    this.inRoom = false;
    this.dispatch({ type: 'status', status: 'joining' });
    if (this.hasJoined) void this.clock.sync(RESYNC_PINGS);
    else void this.clock.start();
    const result = await emitWithAck(this.socket, 'join_room', this.joinPayload());
    if (!this.socket.connected) return; // Dropped meanwhile: the next `connect` joins again.
    if (!result.ok) {
      this.dispatch({ type: 'join_failed', error: result.error });
      return;
    }
    this.hasJoined = true;
    // Protocol 3: the acknowledgement is the room's only copy; changes broadcast since
    // wait in `deltas` and apply on top of its revision.
    this.dispatch({ type: 'room_state', room: result.room });
    this.deltas.base(result.room.rev ?? 0);
    this.dispatch({ type: 'joined', user: result.user });
    this.enteredRoom();
  }

  /**
   * A change of the room never came (it is applied in revision order): the room again,
   * through the same join, without showing a join to the person.
   */
  private async resync(): Promise<void> {
    if (!this.socket.connected || !this.inRoom) return;
    const result = await emitWithAck(this.socket, 'join_room', this.joinPayload());
    if (!result.ok) return; // The next change or reconnect tries again.
    const rev = result.room.rev ?? 0;
    // Older than what we show (overtaken meanwhile): keep ours; the gap timer asks again.
    if (!this.deltas.canBase(rev)) return;
    this.dispatch({ type: 'room_state', room: result.room });
    this.deltas.base(rev);
  }

  /**
   * The server kept our session across a short drop (connection-state recovery): we are
   * still in the room and it replays what we missed, so there is nothing to join; only
   * the clock is measured again.
   */
  private recovered(): void {
    this.dispatch({ type: 'status', status: 'connected' });
    void this.clock.sync(RESYNC_PINGS);
    this.enteredRoom();
  }

  private listen(): void {
    const { socket } = this;
    socket.on('connect', () => {
      if (socket.recovered && this.hasJoined) {
        this.recovered();
        return;
      }
      // A new session: what arrives now belongs to the room the join will answer.
      this.deltas.reset();
      if (!this.removed) void this.join();
    });
    socket.on('disconnect', (reason) => {
      this.inRoom = false;
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
    // Who we are: keep the (possibly renewed) token for the next handshake and every tab.
    // "Me" in the view is the join's `user`, which carries this same public id.
    socket.on('session', (session) => {
      saveSessionToken(session.token);
      this.sessionUserId = session.userId;
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
    socket.on('sync_members', (members) => {
      this.dispatch({ type: 'sync_members', members });
    });
    socket.on('room_delta', (delta) => {
      this.deltas.receive(delta);
    });
    socket.on('room_deltas', (deltas) => {
      for (const delta of deltas) this.deltas.receive(delta);
    });
    socket.on('service_status', (status) => {
      this.dispatch({ type: 'service_status', status });
    });
    socket.on('reaction', (reaction) => {
      this.emitReaction(reaction);
    });
    socket.on('room_roles', (roles) => {
      this.dispatch({ type: 'roles', roles });
    });
    socket.on('removed_from_room', (removal) => {
      if (removal.roomId !== this.roomId) return;
      this.removed = true;
      this.inRoom = false;
      this.dispatch({ type: 'removed', removal });
    });
  }
}

function clampTime(time: number): number {
  return Number.isFinite(time) ? Math.min(Math.max(0, time), Limits.maxTimeSeconds) : 0;
}
