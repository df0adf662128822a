import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
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
  /** The worker processes' ids (for their CPU). */
  pids(): number[];
  stop(): Promise<void>;
}

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;
type Waiter = { resolve(message: FromWorker): void; reject(error: Error): void };

const isReply = <T extends FromWorker['type']>(message: FromWorker, type: T): message is Reply<T> =>
  message.type === type;

/** A worker did not answer in time (the caller may still ask it for its counts). */
class ReplyTimeout extends Error {
  override name = 'ReplyTimeout';
}

/**
 * The generator's processes run at this niceness (Linux: 0 normal, 19 lowest; raising it
 * needs no privilege). Clients and server share this machine's two cores, where in use they
 * would not: at equal priority the server gets only its fair share among the generator's
 * processes (at 18,000 clients one in nine), less than it needs, and the run queue, not the
 * server, set the latency. At a lower priority the generator takes what the server leaves;
 * when that is not enough, its event-loop delay and CPU (both reported) show it.
 */
const GENERATOR_NICENESS = 10;

/** One forked `worker.ts` and a way to await its next reply of a kind. */
class Worker {
  private readonly child: ChildProcess;
  /** Who awaits a reply, by kind; a reply nobody awaits (any more) is dropped. */
  private readonly waiting = new Map<FromWorker['type'], Waiter>();

  constructor(readonly index: number) {
    this.child = track(
      fork(new URL('./worker.ts', import.meta.url).pathname, [], {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    // The generator yields the CPU to the server it measures (see GENERATOR_NICENESS).
    if (this.child.pid !== undefined) setPriority(this.child.pid, GENERATOR_NICENESS);
    this.child.on('message', (raw: unknown) => {
      const message = fromWorker.parse(raw);
      if (message.type === 'failed') {
        this.rejectAll(new Error(`generator ${index}: ${message.message}`));
        return;
      }
      this.waiting.get(message.type)?.resolve(message);
      this.waiting.delete(message.type);
    });
    this.child.once('exit', (code, signal) => {
      this.rejectAll(new Error(`generator ${index} exited (${code ?? signal})`));
    });
  }

  private rejectAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Reply<T>> {
    const message = await new Promise<FromWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(type);
        reject(new ReplyTimeout(`generator ${this.index}: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(type, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
    if (!isReply(message, type)) {
      throw new Error(`generator ${this.index}: ${message.type}, not ${type}`);
    }
    return message;
  }

  /** Asks for the counts so far. */
  async report(): Promise<WorkerStats> {
    const reply = this.next('report', 30_000);
    this.send({ type: 'report' });
    return (await reply).stats;
  }

  /**
   * Waits for the join of `clients`; past `timeoutMs` takes the joins so far (the rest keep
   * trying until the pool stops) rather than failing the whole benchmark.
   */
  async joined(clients: number, timeoutMs: number): Promise<Reply<'joined'>> {
    try {
      return await this.next('joined', timeoutMs);
    } catch (error: unknown) {
      if (!(error instanceof ReplyTimeout)) throw error;
      const { joined } = await this.report();
      const firstError = `only ${joined} of ${clients} joined within ${timeoutMs / 1000} s`;
      return { type: 'joined', joined, failed: clients - joined, firstError };
    }
  }

  stop(): Promise<void> {
    if (this.child.connected) this.send({ type: 'stop' });
    return stopChild(this.child, 5000, 'none');
  }
}

/** Worker w's clients connect from 127.(FIRST_BLOCK + w).x.y, one address each. */
const FIRST_BLOCK = 10;

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
 * Forks the workers (each client of worker w connects from its own 127.(10+w).x.y), has them connect
 * and join, and resolves once every one has answered.
 */
export async function startPool(spec: PoolSpec): Promise<Pool> {
  const shares = split(spec.rooms, spec.perWorker);
  if (FIRST_BLOCK + shares.length > 254) throw new Error('too many generator processes');
  const workers = shares.map((_, index) => new Worker(index));
  const stopAll = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.stop()));
  };
  try {
    const started = performance.now();
    const replies = await Promise.all(
      workers.map((worker, index) => {
        const share = shares[index] ?? [];
        const reply = worker.joined(
          share.reduce((sum, room) => sum + room.size, 0),
          spec.joinTimeoutMs,
        );
        worker.send({
          type: 'setup',
          flavor: spec.flavor,
          urls: spec.urls,
          addressBlock: FIRST_BLOCK + index,
          rooms: share,
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
      report: () => Promise.all(workers.map((worker) => worker.report())),
      pids: () => workers.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid])),
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
