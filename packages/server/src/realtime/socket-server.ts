import type { Server as HttpServer } from 'node:http';
import {
  AppError,
  ErrorCode,
  inboundSchemas,
  Limits,
  protocolError,
  type InboundEvent,
} from '@wt/protocol';
import { Server } from 'socket.io';
import { clientAddress } from '../edge/client-address.js';
import type { ConnectionAdmission } from '../edge/connection-admission.js';
import type { Logger } from '../ops/logger.js';
import type { ServerMetrics } from '../ops/metrics.js';
import type { SessionTokens } from '../session/session-tokens.js';
import { syncChannelOf } from '../sync/members-broadcast.js';
import { takesDeltas } from './room-channels.js';
import { toReply, type Reply } from './ack.js';
import {
  socketServerTimeouts,
  terminateDeadPeers,
  type ConnectionTimeouts,
} from './connection-timeouts.js';
import type { HandlerContext, RealtimeServices } from './context.js';
import { Departures } from './departures.js';
import { handleEvent, handlers } from './handlers.js';
import { leaveCurrentRoom, rejoinAfterRecovery } from './join.js';
import { announceSession, sessionMiddleware } from './session.js';
import type { AddressEventBudget } from './address-budget.js';
import { EventGuard } from './event-guard.js';
import { recoveryAdapter } from './recovery-adapter.js';
import type { WatchServer, WatchSocket } from './types.js';

export interface SocketServerOptions {
  corsOrigins: string[];
  eventsPerSecond: number;
  eventsBurst: number;
  /** Who may connect: origin and connections per address (edge/connection-admission.ts). */
  admission: ConnectionAdmission;
  /** Events per second of one address over all its connections. */
  addressBudget: AddressEventBudget;
  trustProxy: boolean;
  /** How long a dropped connection keeps its place (and its missed events) for a reconnect. */
  reconnectGraceMs: number;
  /**
   * On a graceful stop, people stay in their rooms: with Redis, their connections come
   * back to another process (or this one restarted) and carry on without a "left" and a
   * "joined" line; whoever does not come back is made to leave by a live process once this
   * one's heartbeat has expired. Without Redis, a stop makes everyone leave.
   */
  handOverOnShutdown: boolean;
  /** Ping, upgrade and CONNECT deadlines (see connection-timeouts.ts). */
  timeouts: ConnectionTimeouts;
}

/** Disconnect reasons of a network that failed, after which a client comes back by itself. */
const DROPPED = new Set(['transport close', 'transport error', 'ping timeout']);
/** The reason of every disconnection a closing server makes. */
const SHUTTING_DOWN = 'server shutting down';

export function createSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
): WatchServer {
  const io: WatchServer = new Server(httpServer, {
    maxHttpBufferSize: Limits.maxPayloadBytes,
    serveClient: false,
    ...socketServerTimeouts(options.timeouts),
    // A short drop loses no event: the client gets what it missed when it reconnects.
    connectionStateRecovery: {
      // At least 1 ms: the Redis Streams adapter keeps each session with this as its TTL,
      // and Redis refuses a TTL of 0 (RECONNECT_GRACE_SECONDS=0: no recovery to speak of).
      maxDisconnectionDuration: Math.max(1, options.reconnectGraceMs),
      skipMiddlewares: true,
    },
    // In memory (Redis mode puts its streams adapter in place): holds the grace, no more.
    adapter: recoveryAdapter(options.reconnectGraceMs),
    ...(options.corsOrigins.length > 0 ? { cors: { origin: options.corsOrigins } } : {}),
    allowRequest: options.admission.allowRequest,
  });
  options.admission.track(io);
  terminateDeadPeers(io);
  return io;
}

/**
 * The Socket.io edge: rate-limit, parse with the protocol's schema, call the handler,
 * answer the acknowledgement. Handlers only ever see parsed payloads.
 * Returns a function that settles every pending departure (for shutdown).
 */
export function attachRoomHandlers(
  io: WatchServer,
  services: RealtimeServices,
  deps: {
    logger: Logger;
    metrics: ServerMetrics;
    options: SocketServerOptions;
    tokens: SessionTokens;
  },
): { flushDepartures: () => Promise<void> } {
  const { logger, metrics, options } = deps;
  // Who each connection is, decided before `connection` (a recovered one keeps its data).
  io.use(sessionMiddleware({ tokens: deps.tokens, identities: services.identities, logger }));
  const departures = new Departures(options.reconnectGraceMs);
  // Departures under way (a connection's leave, queued behind its last event): a shutdown
  // waits for them before the store closes, or they would fail against a closed store.
  const leaving = new Set<Promise<void>>();
  const tracked = (work: Promise<void>): Promise<void> => {
    leaving.add(work);
    void work.finally(() => leaving.delete(work));
    return work;
  };
  const known = new Set<string>(Object.keys(inboundSchemas).filter((name) => name in handlers));
  const isKnown = (name: string): name is InboundEvent => known.has(name);
  // Built once: a refusal costs a counter and this packet, nothing else.
  const slowDown = {
    ok: false,
    error: protocolError(ErrorCode.RATE_LIMITED, 'Slow down a little.'),
  };

  io.on('connection', (socket: WatchSocket) => {
    metrics.connectedUsers.inc();
    announceSession(socket);
    const address = clientAddress(socket.request, options.trustProxy);
    socket.data.address = address;
    const guard = new EventGuard(options.eventsPerSecond, options.eventsBurst, Date.now());
    const refuse = (event: string, verdict: 'refused' | 'disconnect', reply: Reply): void => {
      metrics.events.inc({
        event: isKnown(event) ? event : 'unknown',
        outcome: ErrorCode.RATE_LIMITED,
      });
      if (verdict === 'refused') {
        reply(slowDown);
        return;
      }
      if (!socket.connected) return;
      logger.warn({ socket: socket.id, address }, 'disconnecting a connection that kept flooding');
      metrics.floodDisconnects.inc();
      options.admission.flooded(address);
      socket.disconnect(true);
    };
    const ctx: HandlerContext = { ...services, socket };
    // One event at a time per connection, in arrival order.
    let chain: Promise<void> = Promise.resolve();
    const leave = (): Promise<void> =>
      leaveCurrentRoom(ctx).catch((error: unknown) => {
        logger.error({ err: error, socket: socket.id }, 'leaving the room failed');
      });

    if (socket.recovered) {
      chain = chain
        .then(() => resume(ctx, departures))
        .catch((error: unknown) => {
          logger.error({ err: error, socket: socket.id }, 'resuming a recovered connection failed');
        });
    }

    const handle = async (event: InboundEvent, payload: unknown, reply: Reply): Promise<void> => {
      if (!(await options.addressBudget.take(address))) {
        refuse(event, guard.strike(Date.now()), reply);
        return;
      }
      const stopTimer = metrics.eventDuration.startTimer({ event });
      let outcome: string = 'ok';
      try {
        const response = await handleEvent(event, ctx, payload);
        if (!response.ok) outcome = response.error.code;
        reply(response);
      } catch (error: unknown) {
        if (error instanceof AppError) {
          // A typed failure (Redis away: UNAVAILABLE) travels to the client as it is.
          outcome = error.code;
          logger.warn({ err: error, event, socket: socket.id }, 'event refused');
          reply({ ok: false, error: error.toJSON() });
          return;
        }
        outcome = ErrorCode.INTERNAL;
        logger.error({ err: error, event, socket: socket.id }, 'event handler failed');
        reply({
          ok: false,
          error: protocolError(ErrorCode.INTERNAL, 'Something went wrong on our side.'),
        });
      } finally {
        stopTimer();
        metrics.events.inc({ event, outcome });
      }
    };

    // Every event passes here first, known or not: the budget is checked before anything is
    // queued, so a flood never piles up behind the connection's chain.
    socket.onAny((event: string, ...args: unknown[]) => {
      // Socket.io decodes a whole read at once and hands each packet over on its own tick:
      // a flooder's packets still arrive after it was disconnected. Nobody is there to
      // answer; they cost nothing more, not even a count.
      if (!socket.connected) return;
      const last = args.at(-1);
      const reply = toReply(last);
      const data = typeof last === 'function' ? args.slice(0, -1) : args;
      const verdict = guard.admit(Date.now());
      if (verdict !== 'accepted') {
        refuse(event, verdict, reply);
        return;
      }
      if (!isKnown(event)) {
        metrics.events.inc({ event: 'unknown', outcome: ErrorCode.UNKNOWN_EVENT });
        reply({ ok: false, error: protocolError(ErrorCode.UNKNOWN_EVENT, 'Unknown event.') });
        return;
      }
      if (data.length > 1) {
        metrics.events.inc({ event, outcome: ErrorCode.INVALID_PAYLOAD });
        reply({
          ok: false,
          error: protocolError(
            ErrorCode.INVALID_PAYLOAD,
            'Send one payload (and an acknowledgement).',
          ),
        });
        return;
      }
      chain = chain.then(() => handle(event, data[0], reply));
    });

    socket.on('disconnect', (reason) => {
      metrics.connectedUsers.dec();
      const { roomId } = socket.data;
      if (reason === SHUTTING_DOWN && options.handOverOnShutdown) return;
      if (roomId === undefined || !DROPPED.has(reason) || options.reconnectGraceMs <= 0) {
        chain = tracked(chain.then(leave));
        return;
      }
      // The player is gone at once (no start waits for it); the person stays a while.
      chain = tracked(
        chain
          .then(async () => {
            const sync = services.registry.detach(roomId, socket.id);
            services.members.changed(roomId);
            departures.defer(socket.id, roomId, sync, () => (chain = tracked(chain.then(leave))));
            await services.scheduler.readinessChanged(roomId);
          })
          .catch((error: unknown) => {
            logger.error({ err: error, socket: socket.id }, 'handling a dropped connection failed');
          }),
      );
    });
  });

  return {
    // Shutdown: the disconnections under way are handled (deferring some), then every
    // deferred departure runs (unless a live process takes them over: see
    // `handOverOnShutdown`), then all of them are done.
    async flushDepartures() {
      await Promise.all(leaving);
      if (options.handOverOnShutdown) departures.abandon();
      else await departures.flush();
      await Promise.all(leaving);
    },
  };
}

/** A connection came back within the grace period, with its id, rooms and data. */
async function resume(ctx: HandlerContext, departures: Departures): Promise<void> {
  const { socket, registry, members } = ctx;
  const { roomId, protocolVersion } = socket.data;
  if (roomId !== undefined && takesDeltas(protocolVersion)) {
    ctx.runtime.replayDeltas(socket.id, roomId);
  }
  const resumed = departures.resume(socket.id);
  if (!resumed) {
    // Its member left meanwhile: put it back.
    await rejoinAfterRecovery(ctx);
    return;
  }
  if (resumed.sync) registry.attach(resumed.roomId, resumed.sync);
  if ((socket.data.protocolVersion ?? 0) >= 2) await socket.join(syncChannelOf(resumed.roomId));
  members.changed(resumed.roomId);
}
