import { randomUUID } from 'node:crypto';
import {
  SYNC_PARTIALS_PER_MESSAGE,
  syncPartialSchema,
  syncPartialsSchema,
  type SyncPartial,
} from '@wt/protocol';
import type { Logger } from '../ops/logger.js';
import type { WatchServer } from '../realtime/types.js';
import type { MembersBroadcast, SyncPartials } from './members-broadcast.js';

/** A process repeats its share of each room this often while it has players there (ms). */
export const SYNC_PARTIAL_REFRESH_MS = 10_000;
/** A share not repeated for this long belongs to a process that died (ms). */
export const SYNC_PARTIAL_EXPIRE_MS = 35_000;

/** Several processes on the Redis adapter: shares travel as inter-server events. */
export function clusterSyncPartials(io: WatchServer): SyncPartials {
  return {
    serverId: randomUUID(),
    publish: (partial) => {
      io.serverSideEmit('sync_partial', partial);
    },
    publishMany: (partials) => {
      for (let from = 0; from < partials.length; from += SYNC_PARTIALS_PER_MESSAGE) {
        io.serverSideEmit('sync_partials', partials.slice(from, from + SYNC_PARTIALS_PER_MESSAGE));
      }
    },
    refreshMs: SYNC_PARTIAL_REFRESH_MS,
    expireMs: SYNC_PARTIAL_EXPIRE_MS,
  };
}

/** The others' shares as they arrive: one when it changed, many at each refresh. */
const heardShares = {
  sync_partial: syncPartialSchema.transform((partial) => [partial]),
  sync_partials: syncPartialsSchema,
} as const;

/** Each process hears the others' shares (`sync_partial`, `sync_partials`), checked before use. */
export function hearSyncPartials(io: WatchServer, members: MembersBroadcast, logger: Logger): void {
  const hear =
    (event: keyof typeof heardShares) =>
    (raw: unknown): void => {
      const parsed = heardShares[event].safeParse(raw);
      if (!parsed.success) {
        logger.warn(
          { event, issues: parsed.error.issues.slice(0, 3) },
          'ignored unreadable shares',
        );
        return;
      }
      const partials: SyncPartial[] = parsed.data;
      for (const partial of partials) members.received(partial);
    };
  io.on('sync_partial', hear('sync_partial'));
  io.on('sync_partials', hear('sync_partials'));
}
