import type { Logger } from './logger.js';

/** The seed's cleanup loop: every interval, rooms empty and idle for too long go. */
export function startRoomCleanup(options: {
  intervalMs: number;
  idleMs: number;
  cleanup: (idleMs: number) => Promise<number>;
  onCleaned: (count: number) => void;
  logger: Logger;
}): () => void {
  const timer = setInterval(() => {
    options
      .cleanup(options.idleMs)
      .then((count) => {
        if (count > 0) options.logger.info({ count }, 'removed idle rooms');
        options.onCleaned(count);
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'room cleanup failed');
      });
  }, options.intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
