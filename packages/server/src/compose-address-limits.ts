import type { Redis } from 'ioredis';
import type { SharedCounts } from './edge/connection-admission.js';
import { SharedConnectionCounts } from './edge/shared-connection-counts.js';
import type { Logger } from './ops/logger.js';
import { AddressBudget, type AddressEventBudget } from './realtime/address-budget.js';
import { SharedAddressBudget } from './realtime/shared-address-budget.js';

/** The per-address limits of the edge, as this deployment keeps them. */
export interface AddressLimits {
  /** `MAX_CONNECTIONS_PER_IP` over every process (absent: this process counts alone). */
  connections?: SharedCounts;
  /** `ADDRESS_EVENTS_PER_SECOND`. */
  events: AddressEventBudget;
  close(): Promise<void>;
}

/**
 * In memory, per process, without Redis; through Redis (`shared`), every process's
 * connections and events of an address count together.
 */
export async function createAddressLimits(
  eventsPerSecond: number,
  shared: { redis: Redis; keyPrefix: string } | undefined,
  logger: Logger,
): Promise<AddressLimits> {
  if (!shared) {
    return { events: new AddressBudget(eventsPerSecond), close: () => Promise.resolve() };
  }
  const connections = new SharedConnectionCounts(shared.redis, shared.keyPrefix, logger);
  await connections.start();
  const events = new SharedAddressBudget(shared.redis, shared.keyPrefix, eventsPerSecond, logger);
  events.start();
  return {
    connections,
    events,
    async close() {
      events.close();
      await connections.close();
    },
  };
}
