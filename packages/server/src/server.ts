import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { leadTimeMs, toSnapshot } from '@wt/room';
import type { Router } from 'express';
import { createAddressLimits } from './compose-address-limits.js';
import { createVideoPipeline, type VideoPipeline } from './compose-video.js';
import { ConnectionAdmission } from './edge/connection-admission.js';
import { OriginPolicy } from './edge/origin-policy.js';
import { createApp } from './http/create-app.js';
import { engineHeaders } from './http/security.js';
import type { HealthCheck } from './http/health.js';
import type { Config } from './ops/config.js';
import { collectAdminStats } from './ops/admin-stats.js';
import { createLogger, type Logger } from './ops/logger.js';
import { createMetrics, type ServerMetrics } from './ops/metrics.js';
import { startRoomCleanup } from './ops/room-cleanup.js';
import { createRateLimiter } from './resolver/rate-limit.js';
import { chatFilter } from './realtime/chat-filter.js';
import type { RealtimeServices } from './realtime/context.js';
import { aloneEvictionNotices, clusterEvictionNotices, hearEvictions } from './realtime/evict.js';
import { guardBackpressure } from './realtime/backpressure.js';
import { coalesceWrites } from './realtime/write-coalescing.js';
import {
  defaultConnectionTimeouts,
  httpServerTimeouts,
  type ConnectionTimeouts,
} from './realtime/connection-timeouts.js';
import { IdentityMemory } from './realtime/identity-memory.js';
import { startClusterSync } from './realtime/cluster-sync.js';
import { RoomRuntime } from './realtime/room-runtime.js';
import { attachRoomHandlers, createSocketServer } from './realtime/socket-server.js';
import type { WatchServer } from './realtime/types.js';
import type { VideoResolver } from './realtime/video-resolver.js';
import { MemoryPresence } from './presence/memory-presence.js';
import { startReaper } from './presence/reaper.js';
import { RedisPresence } from './presence/redis-presence.js';
import { MemoryRoomStore } from './store/memory-room-store.js';
import { RoomSnapshots } from './store/room-snapshots.js';
import type { RoomStore } from './store/room-store.js';
import { MembersBroadcast } from './sync/members-broadcast.js';
import { clusterSyncPartials, hearSyncPartials } from './sync/sync-partials.js';
import { clusterDeltaRelay, hearRelayedDeltas } from './realtime/delta-relay.js';
import { PlaybackScheduler } from './sync/playback-scheduler.js';
import { SyncRegistry } from './sync/sync-registry.js';
import { loadSessionSecret } from './session/session-secret.js';
import { SessionTokens } from './session/session-tokens.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The web app's build, beside this package in the monorepo. */
export const defaultWebDist = path.resolve(here, '../../web/dist');

export interface ServerParts {
  store?: RoomStore;
  /** Replaces the TikTok resolver and its routes (tests of other parts). */
  resolver?: VideoResolver;
  logger?: Logger;
  routers?: Router[];
  healthChecks?: HealthCheck[];
  webDistDir?: string;
  clock?: () => number;
  /** Handshake and liveness deadlines; tests shorten them. */
  connectionTimeouts?: Partial<ConnectionTimeouts>;
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  io: WatchServer;
  runtime: RoomRuntime;
  metrics: ServerMetrics;
  store: RoomStore;
  logger: Logger;
  close(): Promise<void>;
}

/** Builds and starts the whole server; used by `main.ts` and by the integration tests. */
export async function startServer(config: Config, parts: ServerParts = {}): Promise<RunningServer> {
  const logger = parts.logger ?? createLogger(config.logLevel);
  // With REDIS_URL (and no store brought by a test): rooms and events live in Redis.
  // Loaded only then: a process in memory never pays for ioredis and the adapter at start.
  const shared =
    config.redis && !parts.store
      ? await (
          await import('./compose-redis.js')
        ).connectRedis(config.redis, config.roomIdleMs, logger)
      : undefined;
  const store = parts.store ?? shared?.store ?? new MemoryRoomStore();
  const clock = parts.clock ?? Date.now;
  const identities = new IdentityMemory(undefined, shared?.identities);
  // A process that holds its rooms in memory keeps them on disk too (DATA_DIR).
  const durable =
    store instanceof MemoryRoomStore
      ? await RoomSnapshots.open({
          dataDir: config.dataDir,
          intervalMs: config.snapshotIntervalMs,
          store,
          identities,
          logger,
          clock,
        })
      : undefined;
  const metrics = createMetrics(() => store.count());
  // The real resolver and media path, unless a test brings its own resolver (then no routes).
  const pipeline: VideoPipeline = parts.resolver
    ? {
        videoResolver: parts.resolver,
        // A resolver of the test's own fetches nothing from TikTok: nothing to budget.
        fetchBudget: () => Promise.resolve(0),
        routers: [],
        close: () => Promise.resolve(),
      }
    : createVideoPipeline(
        config,
        logger,
        metrics.registry,
        // With Redis the resolver cache and its single flight are shared by every process.
        shared && config.redis
          ? { redis: shared.storeClient, keyPrefix: config.redis.keyPrefix }
          : {},
      );
  const origins = new OriginPolicy(config.corsOrigins);
  const app = createApp({
    logger,
    registry: metrics.registry,
    healthChecks: [...(parts.healthChecks ?? []), ...(shared ? [shared.healthCheck] : [])],
    webDistDir: parts.webDistDir ?? defaultWebDist,
    trustProxy: config.trustProxy,
    clock,
    origins,
    publicUrl: config.publicUrl,
    metricsToken: config.metricsToken,
    forceHttps: config.forceHttps,
    routers: [...pipeline.routers, ...(parts.routers ?? [])],
    admin: {
      token: config.adminToken,
      stats: () => collectAdminStats(metrics.registry, store, clock()),
    },
    roomSnapshot: async (roomId) => {
      const room = await store.get(roomId);
      // A room with a password shows nothing of itself to a page that has not joined.
      return room && room.roles.passwordHash === undefined ? toSnapshot(room, clock()) : undefined;
    },
  });
  const timeouts = { ...defaultConnectionTimeouts, ...parts.connectionTimeouts };
  const addressLimits = await createAddressLimits(
    config.addressEventsPerSecond,
    shared && config.redis
      ? { redis: shared.storeClient, keyPrefix: config.redis.keyPrefix }
      : undefined,
    logger,
  );
  const http = createServer(httpServerTimeouts(timeouts), app);
  const socketOptions = {
    corsOrigins: config.corsOrigins,
    eventsPerSecond: config.socketEventsPerSecond,
    eventsBurst: config.socketEventsBurst,
    admission: new ConnectionAdmission({
      origins,
      maxConnectionsPerAddress: config.maxConnectionsPerIp,
      ...(addressLimits.connections ? { shared: addressLimits.connections } : {}),
      floodCooldownMs: config.floodCooldownSeconds * 1000,
      trustProxy: config.trustProxy,
      refused: (reason) => {
        metrics.connectionsRefused.inc({ reason });
      },
    }),
    addressBudget: addressLimits.events,
    trustProxy: config.trustProxy,
    reconnectGraceMs: config.reconnectGraceMs,
    handOverOnShutdown: shared !== undefined,
    timeouts,
  };
  socketOptions.admission.guardSockets(http);
  const io = createSocketServer(http, socketOptions);
  guardBackpressure(io, {
    maxUnsentBytes: config.maxUnsentBytes,
    logger,
    dropped: metrics.slowConsumersDropped,
  });
  coalesceWrites(io);
  const engineSecurity = engineHeaders(config.forceHttps);
  // Long-polling answers never pass Express: they get the same protective headers here.
  io.engine.on('initial_headers', (headers: Record<string, string>) => {
    Object.assign(headers, engineSecurity);
  });
  io.engine.on('headers', (headers: Record<string, string>) => {
    Object.assign(headers, engineSecurity);
  });
  shared?.attach(io);
  const registry = new SyncRegistry();
  const runtime = new RoomRuntime({
    store,
    io,
    resolver: pipeline.videoResolver,
    logger,
    maxRooms: config.maxRooms,
    maxRoomMembers: config.maxRoomMembers,
    clock,
    leadMs: (roomId) => leadTimeMs(registry.slowestRttMs(roomId)),
    ...(shared ? { deltaRelay: clusterDeltaRelay(io, config.reconnectGraceMs) } : {}),
    ...(config.deltaBatchMs !== undefined && { deltaBatchMs: config.deltaBatchMs }),
  });
  if (shared) {
    hearRelayedDeltas(
      io,
      (relayed) => {
        runtime.relayedDelta(relayed);
      },
      logger,
    );
  }
  const scheduler = new PlaybackScheduler({
    registry,
    holdMs: config.syncBufferWaitMs,
    clock,
    logger,
    load: (roomId) => runtime.state(roomId),
    execute: (roomId, command) => runtime.execute(roomId, command),
  });
  runtime.observe((roomId, state) => {
    scheduler.observe(roomId, state);
  });
  // Restored rooms that were playing still end their clip and move on.
  for (const room of durable?.restored ?? []) scheduler.observe(room.id, room);
  durable?.snapshots.start();
  // Presence: per process in memory; through Redis, shared, and a dead process's people
  // are made to leave by a live one.
  const presence = shared
    ? new RedisPresence(shared.storeClient, config.redis?.keyPrefix ?? 'wt:', logger)
    : new MemoryPresence();
  if (presence instanceof RedisPresence) await presence.start();
  const stopReaper = startReaper(
    presence,
    async ({ roomId, userId }) => {
      await runtime.execute(roomId, { type: 'leave', userId, leadMs: scheduler.leadMs(roomId) });
    },
    logger,
  );
  const cluster = shared
    ? startClusterSync({
        io,
        runtime,
        scheduler,
        store,
        redis: shared.storeClient,
        logger,
        touchIntervalMs: Math.max(1000, Math.floor(config.roomIdleMs / 3)),
      })
    : undefined;
  const members = new MembersBroadcast(
    io,
    registry,
    undefined,
    shared ? clusterSyncPartials(io) : undefined,
  );
  if (shared) hearSyncPartials(io, members, logger);
  // New rooms per address per minute, one budget for every process when there is a Redis.
  const roomBudget = createRateLimiter(
    config.roomsPerIpPerMinute,
    shared && config.redis
      ? { redis: shared.storeClient, keyPrefix: `${config.redis.keyPrefix}room-budget:` }
      : undefined,
  );
  const tokens = new SessionTokens(
    await loadSessionSecret({
      secret: config.sessionSecret,
      dataDir: config.dataDir,
      ...(shared && config.redis
        ? { shared: { redis: shared.storeClient, key: `${config.redis.keyPrefix}session-secret` } }
        : {}),
    }),
  );
  const services: RealtimeServices = {
    io,
    runtime,
    registry,
    scheduler,
    members,
    identities,
    presence,
    chatFilter: chatFilter(config.chatFilterWords),
    budgets: {
      fetch: (address, url) => pipeline.fetchBudget(address, url),
      roomCreation: (address) => roomBudget.take(address),
    },
    evictions: shared ? clusterEvictionNotices(io) : aloneEvictionNotices,
  };
  // Another process's kick reaches this process's connections of that person.
  if (shared) hearEvictions(io, services, logger);
  const realtime = attachRoomHandlers(io, services, {
    logger,
    metrics,
    options: socketOptions,
    tokens,
  });
  const stopCleanup = startRoomCleanup({
    intervalMs: config.roomCleanupIntervalMs,
    idleMs: config.roomIdleMs,
    cleanup: (idleMs) => runtime.cleanup(idleMs),
    onCleaned: (count) => {
      metrics.roomsCleaned.inc(count);
    },
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port =
    typeof address === 'object' && address ? (address satisfies AddressInfo).port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    http,
    io,
    runtime,
    metrics,
    store,
    logger,
    async close() {
      stopCleanup();
      cluster?.close();
      stopReaper();
      scheduler.close();
      members.close();
      runtime.close();
      socketOptions.admission.close();
      // Closing the transport (not a server-side disconnect) makes every Socket.io client
      // reconnect by itself, to this process once it is back or to another one.
      await new Promise<void>((resolve) => {
        void io.close(() => {
          resolve();
        });
      });
      await realtime.flushDepartures();
      await runtime.drain();
      await durable?.snapshots.close();
      await presence.close();
      await addressLimits.close();
      await pipeline.close();
      await (shared ?? store).close();
    },
  };
}
