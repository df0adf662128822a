import { fork, type ChildProcess } from 'node:child_process';
import { stopChild, track } from './children.js';
import {
  fromWorker,
  type Flavor,
  type FromWorker,
  type ToWorker,
  type WorkerStats,
} from './ipc.js';

export interface RoomSpec {
  id: string;
  size: number;
}

export interface PoolSpec {
  flavor: Flavor;
  urls: string[];
  rooms: RoomSpec[];
  /** Most clients one worker process holds. */
  perWorker: number;
  joinTimeoutMs: number;
  traffic: boolean;
  videoUrl?: string | undefined;
}

export interface JoinResult {
  joined: number;
  failed: number;
  firstError: string | undefined;
  /** From the first connection to the last join, ms. */
  ms: number;
}

/** The generator's worker processes of one run. */
export interface Pool {
  joined: JoinResult;
  traffic(measureFrom: number, measureUntil: number): void;
  report(): Promise<WorkerStats[]>;
  stop(): Promise<void>;
}

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

const isReply = <T extends FromWorker['type']>(message: FromWorker, type: T): message is Reply<T> =>
  message.type === type;

/** One forked `worker.ts` and a way to await its next reply of a kind. */
class Worker {
  private readonly child: ChildProcess;
  private waiting: { resolve(message: FromWorker): void; reject(error: Error): void } | undefined;

  constructor(readonly index: number) {
    this.child = track(
      fork(new URL('./worker.ts', import.meta.url).pathname, [], {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.child.on('message', (raw: unknown) => {
      const message = fromWorker.parse(raw);
      const waiter = this.waiting;
      this.waiting = undefined;
      if (message.type === 'failed') {
        waiter?.reject(new Error(`generator ${index}: ${message.message}`));
      } else {
        waiter?.resolve(message);
      }
    });
    this.child.once('exit', (code, signal) => {
      this.waiting?.reject(new Error(`generator ${index} exited (${code ?? signal})`));
      this.waiting = undefined;
    });
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  async next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Reply<T>> {
    const message = await new Promise<FromWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`generator ${this.index}: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    if (!isReply(message, type)) {
      throw new Error(`generator ${this.index}: ${message.type}, not ${type}`);
    }
    return message;
  }

  stop(): Promise<void> {
    if (this.child.connected) this.send({ type: 'stop' });
    return stopChild(this.child, 5000, 'none');
  }
}

/** Rooms stay whole; a worker takes rooms until it holds `perWorker` clients. */
function split(rooms: RoomSpec[], perWorker: number): RoomSpec[][] {
  const shares: RoomSpec[][] = [];
  let share: RoomSpec[] = [];
  let count = 0;
  for (const room of rooms) {
    if (count > 0 && count + room.size > perWorker) {
      shares.push(share);
      share = [];
      count = 0;
    }
    share.push(room);
    count += room.size;
  }
  if (share.length > 0) shares.push(share);
  return shares;
}

/**
 * Forks the workers (worker w binds its connections to 127.0.0.(2+w)), has them connect
 * and join, and resolves once every one has answered.
 */
export async function startPool(spec: PoolSpec): Promise<Pool> {
  const shares = split(spec.rooms, spec.perWorker);
  if (shares.length > 250) throw new Error('more than 250 generator processes');
  const workers = shares.map((_, index) => new Worker(index));
  const stopAll = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.stop()));
  };
  try {
    const started = performance.now();
    const replies = await Promise.all(
      workers.map((worker, index) => {
        const reply = worker.next('joined', spec.joinTimeoutMs);
        worker.send({
          type: 'setup',
          flavor: spec.flavor,
          urls: spec.urls,
          localAddress: `127.0.0.${2 + index}`,
          rooms: shares[index] ?? [],
          idPrefix: `g${index}`,
          joinConcurrency: 50,
          traffic: spec.traffic,
          ...(spec.videoUrl !== undefined ? { videoUrl: spec.videoUrl } : {}),
        });
        return reply;
      }),
    );
    const joined: JoinResult = {
      joined: replies.reduce((sum, reply) => sum + reply.joined, 0),
      failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
      firstError: replies.find((reply) => reply.firstError !== undefined)?.firstError,
      ms: performance.now() - started,
    };
    return {
      joined,
      traffic: (measureFrom, measureUntil) => {
        for (const worker of workers) worker.send({ type: 'traffic', measureFrom, measureUntil });
      },
      report: async () => {
        const replies = await Promise.all(
          workers.map((worker) => {
            const reply = worker.next('report', 30_000);
            worker.send({ type: 'report' });
            return reply;
          }),
        );
        return replies.map((reply) => reply.stats);
      },
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
