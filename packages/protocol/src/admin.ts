/**
 * `GET /admin/api/stats` (behind `ADMIN_TOKEN`): what the operator view draws, one sample
 * per poll. Counters are totals since the process started; the page charts their change
 * between two samples (hit ratio, resolve time, CPU over the last interval).
 */
export interface AdminStats {
  /** Server clock when the sample was taken (ms). */
  at: number;
  uptimeSeconds: number;
  /** Rooms the store holds (every process's, with Redis). */
  rooms: number;
  /** Socket.io connections open on this process. */
  connections: number;
  /** Members and queued clips over the rooms read for this sample (`roomsRead` of `rooms`). */
  people: number;
  queuedClips: number;
  roomsRead: number;
  /** The busiest rooms read, most people first. */
  topRooms: { id: string; people: number; queue: number }[];
  resolver: {
    cacheHits: number;
    cacheMisses: number;
    /** Resolves that went to TikTok (page or browser), and their total time in seconds. */
    upstreamResolves: number;
    upstreamSeconds: number;
    /** Resolve jobs waiting or running now. */
    queueLength: number;
  };
  memory: { rssBytes: number; heapUsedBytes: number };
  /** User plus system CPU time of this process, seconds. */
  cpuSeconds: number;
}
