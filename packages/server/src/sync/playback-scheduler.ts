import {
  currentItem,
  gateDecisionMs,
  leadTimeMs,
  SyncTiming,
  wakeupsOf,
  type ApplyResult,
  type Command,
  type RoomState,
  type Wakeup,
} from '@wt/room';
import type { Logger } from '../ops/logger.js';
import type { SyncRegistry } from './sync-registry.js';

/**
 * The moments a room's timers are aimed at, as text: two states with one plan aim the same
 * timers, so a change that leaves the plan as it was (a chat, a join, a rename) asks no
 * process to re-aim. Every wakeup the state holds: none left out for being past (the
 * beginning of time as now) or moved by a process's own decision margin (0).
 */
export function timerPlanOf(state: RoomState): string {
  return JSON.stringify(wakeupsOf(state, Number.NEGATIVE_INFINITY, 0));
}

export interface PlaybackSchedulerOptions {
  registry: SyncRegistry;
  /** `SYNC_BUFFER_WAIT_MS`: the longest a start waits for members still buffering. */
  holdMs: number;
  clock: () => number;
  logger: Logger;
  load: (roomId: string) => Promise<RoomState | undefined>;
  execute: (roomId: string, command: Command) => Promise<ApplyResult>;
}

interface RoomTimers {
  epoch: number;
  /**
   * The moment each kind of wakeup was last acted on in this epoch. A wakeup whose moment
   * moved (a reported duration moves the end) is due again.
   */
  handled: Map<Wakeup['kind'], number>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The room's own clock, outside the pure core: decides the buffering gate shortly before
 * a scheduled start, makes sure everyone has buffered the next clip, and ends each clip
 * at its computed end. One timer per room, aimed at the earliest moment that matters;
 * every decision goes through the core as a command, so it is persisted and broadcast
 * like any other, and a decision that comes too late or twice changes nothing.
 */
export class PlaybackScheduler {
  private readonly rooms = new Map<string, RoomTimers>();
  private closed = false;

  constructor(private readonly options: PlaybackSchedulerOptions) {}

  /** How far ahead a start in this room is scheduled. */
  leadMs(roomId: string): number {
    return leadTimeMs(this.options.registry.slowestRttMs(roomId));
  }

  get holdMs(): number {
    return this.options.holdMs;
  }

  /** Called with every new state of a room: re-aims its timer. */
  observe(roomId: string, state: RoomState): void {
    if (this.closed) return;
    const now = this.options.clock();
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { epoch: state.playback.epoch, handled: new Map(), timer: undefined };
      this.rooms.set(roomId, room);
    }
    if (room.epoch !== state.playback.epoch) {
      room.epoch = state.playback.epoch;
      room.handled.clear();
    }
    if (room.timer !== undefined) clearTimeout(room.timer);
    room.timer = undefined;
    const decisionMs = gateDecisionMs(this.options.registry.slowestRttMs(roomId));
    const pending = wakeupsOf(state, now, decisionMs).filter(
      (w) => room.handled.get(w.kind) !== w.at,
    );
    const first = pending.reduce<Wakeup | undefined>(
      (soonest, w) => (soonest === undefined || w.at < soonest.at ? w : soonest),
      undefined,
    );
    if (!first) {
      this.rooms.delete(roomId);
      return;
    }
    room.timer = setTimeout(
      () => {
        room.timer = undefined;
        room.handled.set(first.kind, first.at);
        void this.wake(roomId, first).catch((error: unknown) => {
          this.options.logger.error({ err: error, roomId, wakeup: first }, 'playback timer failed');
        });
      },
      Math.max(0, first.at - now),
    );
  }

  /** A player reported readiness (or left): a start held for it may go now. */
  async readinessChanged(roomId: string): Promise<void> {
    const state = await this.options.load(roomId);
    if (!state) return;
    const { playback } = state;
    const now = this.options.clock();
    if (!playback.playing || playback.gate !== 'held' || playback.updatedAt <= now) return;
    const start = {
      epoch: playback.epoch,
      itemId: currentItem(state)?.id,
      position: playback.position,
    };
    if (!this.options.registry.allReady(roomId, start)) return;
    await this.run(roomId, {
      type: 'gate',
      epoch: playback.epoch,
      allReady: true,
      leadMs: this.leadMs(roomId),
      holdMs: this.options.holdMs,
    });
  }

  forget(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room?.timer !== undefined) clearTimeout(room.timer);
    this.rooms.delete(roomId);
  }

  close(): void {
    this.closed = true;
    for (const roomId of [...this.rooms.keys()]) this.forget(roomId);
  }

  private async wake(roomId: string, wakeup: Wakeup): Promise<void> {
    const state = await this.options.load(roomId);
    if (!state) {
      this.forget(roomId);
      return;
    }
    if (state.playback.epoch === wakeup.epoch) {
      const changed = await this.act(roomId, state, wakeup);
      if (changed) return; // The runtime observes the new state.
    }
    this.observe(roomId, state);
  }

  /** Carries out one wakeup; true when it changed the room. */
  private async act(roomId: string, state: RoomState, wakeup: Wakeup): Promise<boolean> {
    const { registry, holdMs } = this.options;
    const leadMs = this.leadMs(roomId);
    switch (wakeup.kind) {
      case 'gate': {
        const start = {
          epoch: wakeup.epoch,
          itemId: currentItem(state)?.id,
          position: state.playback.position,
        };
        if (registry.allReady(roomId, start)) return false;
        return this.run(roomId, {
          type: 'gate',
          epoch: wakeup.epoch,
          allReady: false,
          leadMs,
          holdMs,
        });
      }
      case 'nextGate': {
        if (registry.allPreloaded(roomId, wakeup.next.itemId)) return false;
        const decisionMs = gateDecisionMs(registry.slowestRttMs(roomId));
        return this.run(roomId, {
          type: 'clipEnded',
          itemId: wakeup.itemId,
          source: 'hold',
          toleranceMs: decisionMs + SyncTiming.timerSlackMs,
          leadMs,
          holdMs,
        });
      }
      case 'end':
        return this.run(roomId, {
          type: 'clipEnded',
          itemId: wakeup.itemId,
          source: 'timer',
          toleranceMs: SyncTiming.timerSlackMs,
          leadMs,
          holdMs,
        });
    }
  }

  private async run(roomId: string, command: Command): Promise<boolean> {
    const result = await this.options.execute(roomId, command);
    if (!result.ok) {
      this.options.logger.warn(
        { roomId, command: command.type, error: result.error },
        'playback decision refused',
      );
      return false;
    }
    return result.effects.length > 0;
  }
}
