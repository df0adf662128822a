import { fork } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { stopChild, track } from '../load/children.js';
import { fromFlooder, type FloodKind, type FloodStats, type ToFlooder } from './ipc.js';

export interface FloodSpec {
  kind: FloodKind;
  url: string;
  localAddress: string;
  connections: number;
  window: number;
}

/** A running flood; `stop` ends it and returns what the flooder saw. */
export interface Flood {
  stop(): Promise<FloodStats>;
}

/**
 * Forks `flooder.ts` and starts its flood. The flooder runs a few steps nicer than the
 * bench: on a real server the attacker's CPU is elsewhere, so here it takes what the server
 * and the bystander leave, rather than competing with them for the cores.
 */
export function startFlood(spec: FloodSpec): Flood {
  const child = track(
    fork(new URL('./flooder.ts', import.meta.url).pathname, [], {
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  if (child.pid !== undefined) setPriority(child.pid, Math.min(19, getPriority() + 5));
  const stopped = new Promise<FloodStats>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const message = fromFlooder.parse(raw);
      if (message.type === 'stopped') resolve(message.stats);
      else reject(new Error(`flooder: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`flooder exited (${code ?? signal})`));
    });
  });
  // Nothing awaits `stopped` until `stop`: an early exit is reported then, not as unhandled.
  stopped.catch(() => undefined);
  const start: ToFlooder = { type: 'start', ...spec };
  child.send(start);
  return {
    async stop() {
      if (child.connected) child.send({ type: 'stop' } satisfies ToFlooder);
      const stats = await stopped;
      await stopChild(child, 5000, 'none');
      return stats;
    },
  };
}
