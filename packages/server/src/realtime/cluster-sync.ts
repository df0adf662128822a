import type { ServiceStatus } from '@wt/protocol';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../ops/logger.js';
import type { RoomStore } from '../store/room-store.js';
import { timerPlanOf, type PlaybackScheduler } from '../sync/playback-scheduler.js';
import { deltaChannelOf, seedChannelOf } from './room-channels.js';
import type { RoomRuntime } from './room-runtime.js';
import type { WatchServer } from './types.js';

export interface ClusterSyncOptions {
  io: WatchServer;
  runtime: RoomRuntime;
  scheduler: PlaybackScheduler;
  store: RoomStore;
  /** The store's Redis connection: while it is away the service is degraded. */
  redis: Redis;
  logger: Logger;
  /** How often rooms with members here get their idle TTL restarted. */
  touchIntervalMs: number;
}

/** A change announced by another process is read this much later, with the ones after it (ms). */
const REAIM_AFTER_MS = 50;
/** Rooms whose last timer plan a process remembers (beyond it, a room's next write crosses again). */
const PLANS_KEPT = 10_000;

const DEGRADED: ServiceStatus = {
  degraded: true,
  message: 'The server lost its database for a moment; changes wait until it is back.',
};
const RECOVERED: ServiceStatus = { degraded: false, message: 'Back to normal.' };

/**
 * What several processes on one Redis need beyond the adapter:
 * - every process with members of a room keeps that room's playback timers: a process
 *   that writes a room with a new timer plan tells the others (`room_changed`), and those
 *   with members there re-aim their timers from the stored state (the core accepts one end
 *   per clip, so two timers advance the room once). A write that leaves the plan as it was
 *   (a chat, a join: most writes) crosses as its broadcasts only, so the others neither
 *   read the room back nor parse it, a thousand members and the chat, for nothing;
 * - rooms with members here never expire while they sit idle;
 * - clients hear when Redis goes away and comes back, and timers are re-aimed after it.
 */
export function startClusterSync(options: ClusterSyncOptions): { close(): void } {
  const { io, runtime, scheduler, store, redis, logger } = options;
  let degraded = false;

  const localRoomIds = (): Set<string> => {
    const ids = new Set<string>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.roomId !== undefined) ids.add(socket.data.roomId);
    }
    return ids;
  };
  // The adapter's own index of this process's connections per room: O(1) per message.
  // A room's connections are in its seed channel or its delta channel, by protocol.
  const hasLocalMembers = (roomId: string): boolean => {
    const channels = io.of('/').adapter.rooms;
    return (
      (channels.get(seedChannelOf(roomId))?.size ?? 0) > 0 ||
      (channels.get(deltaChannelOf(roomId))?.size ?? 0) > 0
    );
  };
  // A busy room changes many times a second; its timers need the latest state only.
  const due = new Map<string, ReturnType<typeof setTimeout>>();
  const reaimSoon = (roomId: string): void => {
    if (due.has(roomId)) return;
    const timer = setTimeout(() => {
      due.delete(roomId);
      reaim(roomId);
    }, REAIM_AFTER_MS);
    timer.unref();
    due.set(roomId, timer);
  };

  // The plan each room had when this process last wrote or read it: the others know it
  // (whoever wrote it first told them).
  const plans = new LRUCache<string, string>({ max: PLANS_KEPT });

  const reaim = (roomId: string): void => {
    runtime
      .state(roomId)
      .then((state) => {
        if (state) {
          plans.set(roomId, timerPlanOf(state));
          scheduler.observe(roomId, state);
        } else {
          plans.delete(roomId);
          scheduler.forget(roomId);
        }
      })
      .catch((error: unknown) => {
        logger.warn({ err: error, roomId }, 'could not re-aim the timers of a changed room');
      });
  };

  const touch = (roomId: string): void => {
    store.touch(roomId).catch((error: unknown) => {
      logger.warn({ err: error, roomId }, 'could not keep a room with members alive');
    });
  };

  runtime.observe((roomId, state) => {
    const plan = timerPlanOf(state);
    if (plans.get(roomId) === plan || redis.status !== 'ready') return;
    plans.set(roomId, plan);
    io.serverSideEmit('room_changed', roomId);
  });
  io.on('room_changed', (roomId) => {
    if (hasLocalMembers(roomId)) reaimSoon(roomId);
  });
  io.on('connection', (socket) => {
    if (degraded) socket.emit('service_status', DEGRADED);
  });

  redis.on('close', () => {
    if (degraded) return;
    degraded = true;
    logger.warn('Redis is away: telling clients, refusing changes until it is back');
    io.local.emit('service_status', DEGRADED);
  });
  redis.on('ready', () => {
    if (!degraded) return;
    degraded = false;
    logger.info('Redis is back: re-aiming room timers');
    io.local.emit('service_status', RECOVERED);
    // What the others heard while Redis was away is unknown: every plan is told again.
    plans.clear();
    for (const roomId of localRoomIds()) {
      reaim(roomId);
      touch(roomId);
    }
  });

  const keeper = setInterval(() => {
    if (degraded) return;
    for (const roomId of localRoomIds()) touch(roomId);
  }, options.touchIntervalMs);
  keeper.unref();

  return {
    close() {
      clearInterval(keeper);
      for (const timer of due.values()) clearTimeout(timer);
      due.clear();
    },
  };
}
