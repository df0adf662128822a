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

const START_TIMEOUT_MS = 30_000;
const NICER = 4;

/** A running flood; `stop` ends it and returns what the flooder saw. */
export interface Flood {
  stop(): Promise<FloodStats>;
}

/**
 * Forks `flooder.ts`, starts its flood and resolves once its first connection is open (a
 * forked TypeScript process takes a while to start on a busy machine). The flooder runs
 * `NICER` steps nicer than the bench: a real attacker's CPU is elsewhere, so here it takes
 * what the server and the bystander leave rather than starving them of the cores; what it
 * managed to send is reported.
 */
export async function startFlood(spec: FloodSpec): Promise<Flood> {
  const child = track(
    fork(new URL('./flooder.ts', import.meta.url).pathname, [], {
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  if (child.pid !== undefined) setPriority(child.pid, Math.min(19, getPriority() + NICER));
  let started: () => void = () => undefined;
  const flooding = new Promise<void>((resolve, reject) => {
    started = resolve;
    setTimeout(() => {
      reject(new Error(`the ${spec.kind} flood did not connect within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS).unref();
  });
  const stopped = new Promise<FloodStats>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const message = fromFlooder.parse(raw);
      if (message.type === 'started') started();
      else if (message.type === 'stopped') resolve(message.stats);
      else reject(new Error(`flooder: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`flooder exited (${code ?? signal})`));
    });
  });
  const start: ToFlooder = { type: 'start', ...spec };
  child.send(start);
  // An exit before the first connection fails the start; one later, the stop.
  await Promise.race([flooding, stopped]);
  return {
    async stop() {
      if (child.connected) child.send({ type: 'stop' } satisfies ToFlooder);
      const stats = await stopped;
      await stopChild(child, 5000, 'none');
      return stats;
    },
  };
}
