import type { AdminStats } from '@wt/protocol';
import type { Registry } from 'prom-client';
import type { RoomStore } from '../store/room-store.js';

/** At most this many rooms are read for one sample (people, queues, the busiest rooms). */
export const ADMIN_ROOMS_READ = 500;
const TOP_ROOMS = 8;

/** Resolves that went to TikTok (`wt_resolve_duration_seconds`' other source is the cache). */
const UPSTREAM_SOURCES = new Set(['page', 'browser']);

interface MetricValue {
  value: number;
  labels: Record<string, string | number | undefined>;
  metricName?: string;
}

/** One metric's values from the registry that `/metrics` exposes (none when not registered). */
async function valuesOf(registry: Registry, name: string): Promise<MetricValue[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return [];
  const { values } = await metric.get();
  return values;
}

async function total(registry: Registry, name: string): Promise<number> {
  return (await valuesOf(registry, name)).reduce((sum, entry) => sum + entry.value, 0);
}

async function upstreamResolves(registry: Registry): Promise<{ count: number; seconds: number }> {
  let count = 0;
  let seconds = 0;
  for (const entry of await valuesOf(registry, 'wt_resolve_duration_seconds')) {
    if (!UPSTREAM_SOURCES.has(String(entry.labels.source))) continue;
    if (entry.metricName === 'wt_resolve_duration_seconds_count') count += entry.value;
    if (entry.metricName === 'wt_resolve_duration_seconds_sum') seconds += entry.value;
  }
  return { count, seconds };
}

async function roomsSample(store: RoomStore) {
  const ids = (await store.roomIds()).slice(0, ADMIN_ROOMS_READ);
  const rooms = await Promise.all(ids.map((id) => store.get(id)));
  const read = rooms.flatMap((room) =>
    room ? [{ id: room.id, people: room.members.length, queue: room.queue.length }] : [],
  );
  return {
    roomsRead: read.length,
    people: read.reduce((sum, room) => sum + room.people, 0),
    queuedClips: read.reduce((sum, room) => sum + room.queue, 0),
    topRooms: read
      .filter((room) => room.people > 0)
      .sort((a, b) => b.people - a.people || b.queue - a.queue)
      .slice(0, TOP_ROOMS),
  };
}

/**
 * The operator view's sample: what `/metrics` already collects (the same registry), read
 * as numbers, plus the rooms themselves (bounded) and the process's memory and CPU.
 */
export async function collectAdminStats(
  registry: Registry,
  store: RoomStore,
  now: number,
): Promise<AdminStats> {
  const [rooms, sample, connections, cacheHits, cacheMisses, queueLength, upstream] =
    await Promise.all([
      store.count(),
      roomsSample(store),
      total(registry, 'wt_connected_users'),
      total(registry, 'wt_resolver_cache_hits_total'),
      total(registry, 'wt_resolver_cache_misses_total'),
      total(registry, 'wt_resolver_queue_length'),
      upstreamResolves(registry),
    ]);
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    at: now,
    uptimeSeconds: process.uptime(),
    rooms,
    connections,
    ...sample,
    resolver: {
      cacheHits,
      cacheMisses,
      upstreamResolves: upstream.count,
      upstreamSeconds: upstream.seconds,
      queueLength,
    },
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
