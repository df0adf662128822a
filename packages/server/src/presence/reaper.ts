import type { Logger } from '../ops/logger.js';
import type { Departed, PresenceRegistry } from './presence-registry.js';

/** How often a process looks for dead processes' people (ms). */
export const REAP_INTERVAL_MS = 3_000;

/**
 * Every `intervalMs`, the people left behind by dead processes leave their rooms (the
 * `leave` the dead process could not send). Returns a stop function.
 */
export function startReaper(
  presence: PresenceRegistry,
  leave: (departed: Departed) => Promise<void>,
  logger: Logger,
  intervalMs = REAP_INTERVAL_MS,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    presence
      .reap()
      .then(async (departed) => {
        for (const person of departed) await leave(person);
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'presence: reaping dead processes failed');
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
