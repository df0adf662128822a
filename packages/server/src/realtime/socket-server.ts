import type { Server as HttpServer } from 'node:http';
import { ErrorCode, inboundSchemas, Limits, protocolError, type InboundEvent } from '@wt/protocol';
import { Server } from 'socket.io';
import type { Logger } from '../ops/logger.js';
import type { ServerMetrics } from '../ops/metrics.js';
import { toReply } from './ack.js';
import { handleEvent, handlers, leaveCurrentRoom, type HandlerContext } from './handlers.js';
import type { RoomRuntime } from './room-runtime.js';
import { TokenBucket } from './token-bucket.js';
import type { WatchServer, WatchSocket } from './types.js';

export interface SocketServerOptions {
  corsOrigins: string[];
  eventsPerSecond: number;
  eventsBurst: number;
}

export function createSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
): WatchServer {
  return new Server(httpServer, {
    maxHttpBufferSize: Limits.maxPayloadBytes,
    serveClient: false,
    ...(options.corsOrigins.length > 0 ? { cors: { origin: options.corsOrigins } } : {}),
  });
}

/**
 * The Socket.io edge: rate-limit, parse with the protocol's schema, call the handler,
 * answer the acknowledgement. Handlers only ever see parsed payloads.
 */
export function attachRoomHandlers(
  io: WatchServer,
  runtime: RoomRuntime,
  deps: { logger: Logger; metrics: ServerMetrics; options: SocketServerOptions },
): void {
  const { logger, metrics, options } = deps;
  const eventNames = Object.keys(inboundSchemas).filter(
    (name): name is InboundEvent => name in handlers,
  );

  io.on('connection', (socket: WatchSocket) => {
    metrics.connectedUsers.inc();
    const bucket = new TokenBucket(options.eventsPerSecond, options.eventsBurst, Date.now());
    const ctx: HandlerContext = { socket, runtime };
    // One event at a time per connection, in arrival order.
    let chain: Promise<void> = Promise.resolve();

    const handle = async (event: InboundEvent, payload: unknown, ack: unknown): Promise<void> => {
      const reply = toReply(ack);
      const stopTimer = metrics.eventDuration.startTimer({ event });
      let outcome: string = 'ok';
      try {
        if (!bucket.take(Date.now())) {
          outcome = ErrorCode.RATE_LIMITED;
          reply({ ok: false, error: protocolError(ErrorCode.RATE_LIMITED, 'Slow down a little.') });
          return;
        }
        const response = await handleEvent(event, ctx, payload);
        if (!response.ok) outcome = response.error.code;
        reply(response);
      } catch (error: unknown) {
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

    for (const event of eventNames) {
      socket.on(event, (payload: unknown, ack: unknown) => {
        chain = chain.then(() => handle(event, payload, ack));
      });
    }

    socket.on('disconnect', () => {
      metrics.connectedUsers.dec();
      chain = chain.then(() =>
        leaveCurrentRoom(ctx).catch((error: unknown) => {
          logger.error({ err: error, socket: socket.id }, 'leaving the room on disconnect failed');
        }),
      );
    });
  });
}
