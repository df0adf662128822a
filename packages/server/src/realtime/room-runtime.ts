import { ErrorCode, protocolError, type ProtocolError, type RelayedDelta } from '@wt/protocol';
import {
  apply,
  applyWithActivity,
  createRoom,
  isIdle,
  type ApplyResult,
  type Command,
  type Effect,
  type JoinAccess,
  type RoomState,
} from '@wt/room';
import type { Logger } from '../ops/logger.js';
import type { RoomStore, VersionedRoom } from '../store/room-store.js';
import { changesOf } from './delta-of.js';
import { DeltaBroadcast, type DeltaRelay } from './delta-broadcast.js';
import { rolesChannelOf, seedChannelOf } from './room-channels.js';
import { SeedUsersBroadcast } from './seed-users-broadcast.js';
import type { WatchServer, WatchSocket } from './types.js';
import { failureOutcome } from '../resolver/outcome.js';
import type { VideoResolver } from './video-resolver.js';

export interface RoomRuntimeOptions {
  store: RoomStore;
  io: WatchServer;
  resolver: VideoResolver;
  logger: Logger;
  maxRooms: number;
  /** Newcomers are refused (`ROOM_FULL`) past this many members in a room. */
  maxRoomMembers?: number;
  clock?: () => number;
  /** How far ahead a start in this room is scheduled (`leadTimeMs` of its slowest player). */
  leadMs?: (roomId: string) => number;
  /**
   * A queued video still "processing" this long after it was added has lost its resolve
   * (the process doing it died, or restarted): the process that sees it takes it over.
   */
  staleResolveMs?: number;
  /** Several processes: how a big room's changes reach the others (see `DeltaBroadcast`). */
  deltaRelay?: DeltaRelay;
  /** A big room's changes within this long (ms) travel together (default `DELTA_BATCH_MS`). */
  deltaBatchMs?: number;
}

/** Far longer than a resolve may take (its deadline is 15 s by default, plus the queue). */
export const STALE_RESOLVE_MS = 60_000;

/** A join's outcome; once stored, the room as the join stored it, with its revision. */
export type JoinOutcome =
  | Extract<ApplyResult, { ok: false }>
  | (Extract<ApplyResult, { ok: true }> & { stored: VersionedRoom });

/** Told about every new state of a room (the playback scheduler aims its timers with it). */
export type StateObserver = (roomId: string, state: RoomState) => void;

const roomNotFound: ApplyResult = {
  ok: false,
  error: protocolError(ErrorCode.ROOM_NOT_FOUND, 'That room does not exist (any more).'),
};

/** A command's outcome, with the revision its state was stored as. */
interface Applied {
  result: ApplyResult;
  revision: number;
}

/** The store decision for `apply`'s result: write the state it gives, or nothing. */
function decision(applied: ApplyResult, revision: number) {
  return {
    state: applied.ok ? applied.state : undefined,
    result: { result: applied, revision: revision + 1 },
  };
}

/**
 * Runs commands: load, apply the pure core, persist atomically, then carry out the
 * effects (broadcasts, resolver work). The only place where core meets I/O.
 */
export class RoomRuntime {
  private readonly pending = new Set<Promise<void>>();
  /** `roomId:itemId` of the resolves this process is running. */
  private readonly resolving = new Set<string>();
  private readonly clock: () => number;
  private readonly observers: StateObserver[] = [];
  private readonly seedUsers: SeedUsersBroadcast;
  private readonly deltas: DeltaBroadcast;

  constructor(private readonly options: RoomRuntimeOptions) {
    this.clock = options.clock ?? Date.now;
    this.seedUsers = new SeedUsersBroadcast(options.io);
    this.deltas = new DeltaBroadcast(
      options.io,
      options.deltaBatchMs,
      undefined,
      options.deltaRelay,
    );
  }

  now(): number {
    return this.clock();
  }

  state(roomId: string): Promise<RoomState | undefined> {
    return this.options.store.get(roomId);
  }

  /** The room with its store revision (what a joiner's `room_state` shows). */
  versioned(roomId: string): Promise<VersionedRoom | undefined> {
    return this.options.store.getVersioned(roomId);
  }

  /** Calls `observer` with each state a command leaves behind. */
  observe(observer: StateObserver): void {
    this.observers.push(observer);
  }

  leadMs(roomId: string): number | undefined {
    return this.options.leadMs?.(roomId);
  }

  /** Applies a command to an existing room. */
  async execute(roomId: string, command: Command, origin?: WatchSocket): Promise<ApplyResult> {
    const now = this.clock();
    const { result, revision } = await this.options.store.update(
      roomId,
      (current, revision): { state: RoomState | undefined; result: Applied } =>
        current
          ? decision(applyWithActivity(current, command, now), revision)
          : { state: undefined, result: { result: roomNotFound, revision } },
    );
    if (result.ok) this.settled(roomId, result, revision, origin);
    return result;
  }

  /**
   * Joins a room, creating it first if it does not exist (the seed's behaviour); a room
   * that is new must first pass `creating` (the address's budget of new rooms).
   */
  async join(
    roomId: string,
    userId: string,
    name: string,
    origin: WatchSocket,
    creating?: () => Promise<ProtocolError | undefined>,
    access?: JoinAccess,
  ): Promise<JoinOutcome> {
    const { store, maxRooms, maxRoomMembers } = this.options;
    if (!(await store.has(roomId))) {
      if ((await store.count()) >= maxRooms) {
        return {
          ok: false,
          error: protocolError(
            ErrorCode.ROOM_LIMIT_REACHED,
            'The server is full. Try again later.',
          ),
        };
      }
      const refusal = await creating?.();
      if (refusal) return { ok: false, error: refusal };
    }
    const now = this.clock();
    const join: Command = {
      type: 'join',
      userId,
      name,
      ...(maxRoomMembers === undefined ? {} : { maxMembers: maxRoomMembers }),
      ...(access === undefined ? {} : { access }),
    };
    const { result, revision } = await store.update(roomId, (current, revision) =>
      decision(apply(current ?? createRoom(roomId, now), join, now), revision),
    );
    if (!result.ok) return result;
    this.settled(roomId, result, revision, origin);
    return { ...result, stored: { state: result.state, revision } };
  }

  /** Removes rooms that are empty and idle; returns how many went. */
  async cleanup(idleMs: number): Promise<number> {
    const now = this.clock();
    let removed = 0;
    for (const roomId of await this.options.store.roomIds()) {
      if (await this.options.store.deleteIf(roomId, (room) => isIdle(room, now, idleMs))) removed++;
    }
    return removed;
  }

  /** Waits for background resolver work (shutdown and tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** A big room's change stored by another process, for the members connected here. */
  relayedDelta(relayed: RelayedDelta): void {
    this.deltas.received(relayed);
  }

  /** A connection recovered: the changes of its room it may have missed (see `DeltaBroadcast`). */
  replayDeltas(socketId: string, roomId: string): void {
    this.deltas.replay(socketId, roomId);
  }

  /** Stops the timers of the broadcasts (shutdown). */
  close(): void {
    this.seedUsers.close();
    this.deltas.close();
  }

  private settled(
    roomId: string,
    result: Extract<ApplyResult, { ok: true }>,
    revision: number,
    origin: WatchSocket | undefined,
  ): void {
    // Every stored change reaches protocol 3 clients, even one with nothing to show,
    // so that their revisions stay contiguous.
    this.deltas.send(
      roomId,
      { rev: revision, changes: changesOf(result.effects) },
      result.state.members.length,
    );
    this.dispatch(roomId, result.effects, origin);
    this.takeOverStaleResolves(roomId, result.state);
    for (const observer of this.observers) observer(roomId, result.state);
  }

  /** Resolves again, here, the queued videos whose resolve was lost elsewhere. */
  private takeOverStaleResolves(roomId: string, state: RoomState): void {
    const staleMs = this.options.staleResolveMs ?? STALE_RESOLVE_MS;
    const now = this.clock();
    for (const item of state.queue) {
      if (item.isProcessing !== true || this.resolving.has(`${roomId}:${item.id}`)) continue;
      const since = Date.parse(item.resolvingSince ?? item.addedAt);
      if (!(now - since > staleMs)) continue;
      this.options.logger.info(
        { roomId, itemId: item.id, processingForMs: now - since },
        'taking over a resolve that never finished',
      );
      this.resolveInBackground(roomId, item.id, item.url);
    }
  }

  /** The seed's events for its clients, and the resolver work. */
  private dispatch(roomId: string, effects: readonly Effect[], origin?: WatchSocket): void {
    const channel = seedChannelOf(roomId);
    const room = this.options.io.to(channel);
    for (const effect of effects) {
      switch (effect.type) {
        case 'update_queue':
          room.emit('update_queue', effect.queue);
          break;
        case 'update_index':
          room.emit('update_index', effect.index);
          break;
        case 'new_message':
          room.emit('new_message', effect.message);
          break;
        case 'system_message': {
          // The seed's shape exactly: activity lines read as plain system lines there.
          const { id, text, timestamp } = effect.message;
          room.emit('system_message', { id, text, timestamp });
          break;
        }
        case 'player_state':
          room.emit('player_state', effect.state);
          break;
        case 'player_seek':
          // The seed sends the seek to the others; the sender has it in its ack.
          (origin ? origin.to(channel) : room).emit('player_seek', effect.time);
          break;
        case 'start_countdown':
          room.emit('start_countdown', effect.seconds);
          break;
        case 'room_users':
          this.seedUsers.changed(roomId, effect.users);
          break;
        case 'room_roles':
          this.options.io.to(rolesChannelOf(roomId)).emit('room_roles', effect.roles);
          break;
        case 'resolveVideo':
          this.resolveInBackground(roomId, effect.itemId, effect.url);
          break;
        default: {
          const unreachable: never = effect;
          throw new Error(`Unhandled effect ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  private resolveInBackground(roomId: string, itemId: number, url: string): void {
    const { resolver, logger } = this.options;
    const key = `${roomId}:${itemId}`;
    this.resolving.add(key);
    const job = resolver
      .resolve(url)
      .catch((error: unknown) => {
        logger.warn({ err: error, roomId, itemId }, 'resolver failed');
        return failureOutcome(url, error);
      })
      .then((outcome) => {
        const leadMs = this.leadMs(roomId);
        return this.execute(roomId, {
          type: 'videoResolved',
          itemId,
          outcome,
          ...(leadMs === undefined ? {} : { leadMs }),
        });
      })
      .then((result) => {
        if (!result.ok && result.error.code !== ErrorCode.ROOM_NOT_FOUND) {
          logger.warn(
            { roomId, itemId, error: result.error },
            'resolved video could not be stored',
          );
        }
      })
      .catch((error: unknown) => {
        logger.error({ err: error, roomId, itemId }, 'resolving a queued video failed');
      })
      .finally(() => {
        this.resolving.delete(key);
        this.pending.delete(job);
      });
    this.pending.add(job);
  }
}
