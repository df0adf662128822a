import { relayedDeltaSchema, type RelayedDelta } from '@wt/protocol';
import type { Logger } from '../ops/logger.js';
import type { DeltaRelay } from './delta-broadcast.js';
import { trackStreamOffset } from './stream-offset.js';
import type { WatchServer } from './types.js';

/** Several processes on the Redis adapter: a big room's changes travel as inter-server events. */
export function clusterDeltaRelay(io: WatchServer, retainMs: number): DeltaRelay {
  // The adapter is in place by now (`SharedState.attach` comes first).
  const offset = trackStreamOffset(io.of('/').adapter);
  return {
    retainMs,
    offset,
    publish: (relayed) => {
      io.serverSideEmit('room_delta_relayed', relayed);
    },
  };
}

/** Each process hears the others' big-room changes (`room_delta_relayed`), checked before use. */
export function hearRelayedDeltas(
  io: WatchServer,
  deliver: (relayed: RelayedDelta) => void,
  logger: Logger,
): void {
  io.on('room_delta_relayed', (raw: unknown) => {
    const parsed = relayedDeltaSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn(
        { issues: parsed.error.issues.slice(0, 3) },
        'ignored an unreadable relayed change',
      );
      return;
    }
    deliver(parsed.data);
  });
}
