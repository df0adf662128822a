import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server's own metrics; the resolver and media register theirs on the same registry. */
export interface ServerMetrics {
  registry: Registry;
  activeRooms: Gauge;
  connectedUsers: Gauge;
  events: Counter<'event' | 'outcome'>;
  eventDuration: Histogram<'event'>;
  roomsCleaned: Counter;
  slowConsumersDropped: Counter;
  floodDisconnects: Counter;
  connectionsRefused: Counter<'reason'>;
}

export function createMetrics(countRooms: () => Promise<number>): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    activeRooms: new Gauge({
      name: 'wt_active_rooms',
      help: 'Rooms held by the store',
      registers: [registry],
      async collect() {
        this.set(await countRooms());
      },
    }),
    connectedUsers: new Gauge({
      name: 'wt_connected_users',
      help: 'Socket.io connections open on this process',
      registers: [registry],
    }),
    events: new Counter({
      name: 'wt_socket_events_total',
      help: 'Client events handled, by event and outcome (ok or error code)',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
    eventDuration: new Histogram({
      name: 'wt_socket_event_duration_seconds',
      help: 'Time to handle a client event',
      labelNames: ['event'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    roomsCleaned: new Counter({
      name: 'wt_rooms_cleaned_total',
      help: 'Empty, idle rooms removed by the cleanup loop',
      registers: [registry],
    }),
    slowConsumersDropped: new Counter({
      name: 'wt_slow_consumers_dropped_total',
      help: 'Connections dropped because their unsent data passed MAX_UNSENT_KB',
      registers: [registry],
    }),
    floodDisconnects: new Counter({
      name: 'wt_flood_disconnects_total',
      help: 'Connections disconnected because they kept sending past their event limit',
      registers: [registry],
    }),
    connectionsRefused: new Counter({
      name: 'wt_connections_refused_total',
      help: 'Websocket handshakes refused, by reason (origin, connections, flooding)',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
