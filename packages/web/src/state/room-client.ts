import {
  ErrorCode,
  PROTOCOL_VERSION,
  protocolError,
  type InboundEvent,
  type OutboundPayloadInput,
  type Reaction,
  type ReactionEmoji,
} from '@wt/protocol';
import { ACK_TIMEOUT_MS, emitWithAck } from '../lib/ack';
import { ServerClock, type ClockSample } from '../lib/clock';
import { cleanDisplayName } from '../lib/display-name';
import { loadSessionToken, saveDisplayName, saveSessionToken } from '../lib/identity';
import { createRoomSocket, type RoomSocket } from '../lib/socket';
import type { RoomPreview } from '../lib/snapshot/room-preview';
import type { EngineReports } from '../lib/sync/engine';
import { DeltaStream } from './delta-stream';
import { PlayerReports } from './player-reports';
import { ReactionFeed } from './reaction-feed';
import { clampTime, RoomCommands, type CommandResult } from './room-commands';
import { forwardRoomEvents } from './room-events';
import type { RoomAction, RoomView } from './room-reducer';
import { RoomStore } from './room-store';

const PING_TIMEOUT_MS = 3_000;
const RESYNC_PINGS = 3;

/**
 * One room session: owns the socket and the server clock, joins (and joins again after a
 * drop), turns every server event into a reducer action (`room-events.ts`), and offers the
 * commands (`room-commands.ts`) as promise-returning methods that resolve to the
 * acknowledgement (never reject). React reads it through `useSyncExternalStore` (see
 * `RoomContext`).
 */
export class RoomClient extends RoomCommands {
  readonly clock: ServerClock;
  /** What the player reports to the server (the sync engine's `reports`). */
  readonly reports: EngineReports;
  private readonly store: RoomStore;
  private readonly playerReports: PlayerReports;
  private name: string;
  /** Our public id, from the server's `session` event. */
  private sessionUserId: string | undefined;
  private hasJoined = false;
  /** Requests made before the first join answered, waiting for it (see `request`). */
  private readonly awaitingFirstJoin = new Set<() => void>();
  /** In the room on the current connection: reports may be sent. */
  private inRoom = false;
  /** The room's changes in revision order on top of the room we hold. */
  private readonly deltas: DeltaStream;
  /** The room's password as the person typed it, sent with every join (kept in memory only). */
  private password: string | undefined;
  /** The host removed us: no join happens by itself any more (the person may try again). */
  private removed = false;
  private readonly reactions = new ReactionFeed();

  constructor(
    readonly roomId: string,
    /** Sent in `join_room` until the server has said who we are; never our identity. */
    private readonly userIdHint: string,
    name: string,
    private readonly socket: RoomSocket = createRoomSocket(loadSessionToken),
  ) {
    super();
    this.name = name;
    this.store = new RoomStore(roomId);
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
        this.playerReports.rtt(best.rtt);
      },
    });
    this.playerReports = new PlayerReports({
      roomId,
      inRoom: () => this.inRoom,
      request: (event, payload) => this.request(event, payload),
      localNow: () => this.clock.local(),
      rejoin: () => {
        void this.join();
      },
    });
    this.reports = this.playerReports.reports;
    this.listen();
  }

  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  readonly getSnapshot = (): RoomView => this.store.getSnapshot();

  get displayName(): string {
    return this.name;
  }

  /**
   * Before `start()`: the room as the page's snapshot showed it (see `lib/snapshot/`).
   * The player loads and aims the clip from it while the socket connects; the join's
   * `room_state` replaces it.
   */
  seed(preview: RoomPreview): void {
    this.dispatch({ type: 'room_preview', room: preview });
  }

  /** A clock measurement made outside the socket (the page's responses: `lib/response-clock`). */
  clockSample(sample: ClockSample): void {
    this.clock.addSample(sample);
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    this.answerFirstJoin();
    this.clock.stop();
    this.playerReports.dispose();
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

  /** A reaction at `clipTime` of clip `itemId`; ours shows from the acknowledgement. */
  async sendReaction(
    emoji: ReactionEmoji,
    itemId: number,
    clipTime: number,
  ): CommandResult<'send_reaction'> {
    const result = await this.request('send_reaction', {
      roomId: this.roomId,
      emoji,
      itemId,
      clipTime: clampTime(clipTime),
    });
    if (result.ok) this.reactions.emit(result.reaction);
    return result;
  }

  /** Every reaction in the room from now on (ours included); returns the unsubscribe. */
  readonly onReaction = (listener: (reaction: Reaction) => void): (() => void) =>
    this.reactions.listen(listener);

  /** A fresh clock-sync burst (the Resync control; the player then re-starts itself). */
  resyncClock(): Promise<void> {
    return this.clock.sync(RESYNC_PINGS);
  }

  async setName(input: string): CommandResult<'set_name'> {
    const name = cleanDisplayName(input) ?? input;
    const result = await this.request('set_name', { roomId: this.roomId, name });
    if (result.ok) {
      this.name = result.user.name;
      saveDisplayName(result.user.name);
      this.dispatch({ type: 'renamed', user: result.user });
    }
    return result;
  }

  /**
   * Before the first join nothing is ours to ask (what shows may be the page's preview),
   * but a person who pastes a link or presses Play while the page is still connecting
   * means it: the request waits for the join (its control shows it as pending), at most
   * as long as an acknowledgement would, and only then goes out.
   */
  protected async request<E extends InboundEvent>(
    event: E,
    payload: OutboundPayloadInput<E>,
  ): CommandResult<E> {
    if (!this.hasJoined) await this.firstJoinAnswered(ACK_TIMEOUT_MS);
    if (!this.hasJoined) {
      return {
        ok: false,
        error: protocolError(
          ErrorCode.NOT_IN_ROOM,
          'Still joining the room. Try again in a moment.',
        ),
      };
    }
    return emitWithAck(this.socket, event, payload);
  }

  /** Resolves once the first join has been answered (either way), or after `timeoutMs`. */
  private firstJoinAnswered(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.awaitingFirstJoin.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.awaitingFirstJoin.add(done);
    });
  }

  private dispatch(action: RoomAction): void {
    this.store.dispatch(action);
  }

  private async ping(clientTime: number): Promise<number | undefined> {
    const result = await emitWithAck(this.socket, 'time_sync', { clientTime }, PING_TIMEOUT_MS);
    return result.ok ? result.serverTime : undefined;
  }

  /** Back in the room on this connection: the server hears everything about our player. */
  private enteredRoom(): void {
    this.inRoom = true;
    this.playerReports.resendAll();
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
      this.answerFirstJoin();
      return;
    }
    this.hasJoined = true;
    // Protocol 3: the acknowledgement is the room's only copy; changes broadcast since
    // wait in `deltas` and apply on top of its revision.
    this.dispatch({ type: 'room_state', room: result.room });
    this.deltas.base(result.room.rev ?? 0);
    this.dispatch({ type: 'joined', user: result.user });
    this.enteredRoom();
    this.answerFirstJoin();
  }

  /** Lets the requests made while the page was joining go (or fail) now. */
  private answerFirstJoin(): void {
    for (const done of [...this.awaitingFirstJoin]) done();
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

  /** The connection's own life; the room's broadcasts go through `forwardRoomEvents`. */
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
      if (this.getSnapshot().status !== 'failed') {
        this.dispatch({ type: 'status', status: this.hasJoined ? 'reconnecting' : 'connecting' });
      }
    });
    // Who we are: keep the (possibly renewed) token for the next handshake and every tab.
    // "Me" in the view is the join's `user`, which carries this same public id.
    socket.on('session', (session) => {
      saveSessionToken(session.token);
      this.sessionUserId = session.userId;
    });
    socket.on('removed_from_room', (removal) => {
      if (removal.roomId !== this.roomId) return;
      this.removed = true;
      this.inRoom = false;
      this.dispatch({ type: 'removed', removal });
    });
    forwardRoomEvents(socket, {
      dispatch: (action) => {
        this.dispatch(action);
      },
      deltas: this.deltas,
      serverNow: () => this.clock.now(),
      reaction: (reaction) => {
        this.reactions.emit(reaction);
      },
    });
  }
}
