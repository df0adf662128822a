/** What the server counted, read from its `/metrics` (Prometheus text) with METRICS_TOKEN. */
export interface ServerCounters {
  /** Events handled with an `ok` answer. */
  ok: number;
  /** Events refused with RATE_LIMITED (by the connection's, the address's or a room budget). */
  rateLimited: number;
  /** Events answered with any other error. */
  otherErrors: number;
  floodDisconnects: number;
  /** Websocket handshakes refused for the address's connection limit. */
  connectionsRefused: number;
  /** Websocket handshakes refused while the address cools down after a flood (FLOOD_COOLDOWN_SECONDS). */
  coolingRefused: number;
  activeRooms: number;
}

const LINE = /^(\w+)(?:\{([^}]*)\})?\s+(\S+)$/;

/** One label's value out of `a="x",b="y"`. */
const label = (labels: string, name: string): string | undefined =>
  new RegExp(`(?:^|,)${name}="([^"]*)"`).exec(labels)?.[1];

/** Every counter at 0. */
export function zeroCounters(): ServerCounters {
  return {
    ok: 0,
    rateLimited: 0,
    otherErrors: 0,
    floodDisconnects: 0,
    connectionsRefused: 0,
    coolingRefused: 0,
    activeRooms: 0,
  };
}

export async function scrapeCounters(url: string, token: string): Promise<ServerCounters> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const counters = zeroCounters();
  for (const line of (await res.text()).split('\n')) {
    const match = LINE.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const [, name, labels = '', text] = match;
    const value = Number(text);
    if (name === 'wt_socket_events_total') {
      const outcome = label(labels, 'outcome');
      if (outcome === 'ok') counters.ok += value;
      else if (outcome === 'RATE_LIMITED') counters.rateLimited += value;
      else counters.otherErrors += value;
    } else if (name === 'wt_flood_disconnects_total') counters.floodDisconnects += value;
    else if (name === 'wt_connections_refused_total') {
      const reason = label(labels, 'reason');
      if (reason === 'connections') counters.connectionsRefused += value;
      else if (reason === 'flooding') counters.coolingRefused += value;
    } else if (name === 'wt_active_rooms') counters.activeRooms = value;
  }
  return counters;
}

/** `after - before`, counter by counter (rooms: the change in rooms held). */
export function difference(before: ServerCounters, after: ServerCounters): ServerCounters {
  return {
    ok: after.ok - before.ok,
    rateLimited: after.rateLimited - before.rateLimited,
    otherErrors: after.otherErrors - before.otherErrors,
    floodDisconnects: after.floodDisconnects - before.floodDisconnects,
    connectionsRefused: after.connectionsRefused - before.connectionsRefused,
    coolingRefused: after.coolingRefused - before.coolingRefused,
    activeRooms: after.activeRooms - before.activeRooms,
  };
}
