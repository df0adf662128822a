import { createServer, connect, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface DelayProxyOptions {
  /** Round trip added by the proxy, ms (half of it each way). */
  rttMs: number;
  /** Each chunk's one-way delay varies by up to ± this fraction of the one-way delay. */
  jitter: number;
  /** Where connections go. */
  upstreamPort: number;
  upstreamHost?: string;
}

export interface DelayProxy {
  /** `http://127.0.0.1:PORT`: the origin a page sees. */
  origin: string;
  close(): Promise<void>;
}

type Item = { at: number; chunk: Buffer } | { at: number; end: true };

/**
 * One direction of a connection. Every chunk is delivered at
 * `max(previous delivery, arrival + one-way ± jitter)`: late, jittered, but never
 * reordered, as TCP never lets a chunk overtake the one before it.
 */
class DelayedPipe {
  private readonly queue: Item[] = [];
  private lastAt: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: Socket,
    private readonly oneWayMs: number,
    private readonly jitter: number,
    notBefore: number,
  ) {
    this.lastAt = notBefore;
  }

  push(chunk: Buffer): void {
    this.enqueue({ at: this.deliveryTime(), chunk });
  }

  end(): void {
    this.enqueue({ at: this.deliveryTime(), end: true });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private deliveryTime(): number {
    const spread = (Math.random() * 2 - 1) * this.jitter * this.oneWayMs;
    this.lastAt = Math.max(this.lastAt, performance.now() + this.oneWayMs + spread);
    return this.lastAt;
  }

  private enqueue(item: Item): void {
    this.queue.push(item);
    if (this.queue.length === 1) this.schedule();
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(
      () => {
        this.flush();
      },
      Math.max(0, head.at - performance.now()),
    );
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue[0] && this.queue[0].at <= now + 0.5) {
      const item = this.queue.shift();
      if (!item || this.target.destroyed) break;
      if ('end' in item) this.target.end();
      else this.target.write(item.chunk);
    }
    this.schedule();
  }
}

/**
 * A local TCP proxy that adds a round trip with jitter, in order. A new connection also
 * pays the TCP handshake: its first bytes reach the upstream a round trip and a half
 * after it was opened, as over a real path.
 */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const oneWay = options.rttMs / 2;
  const sockets = new Set<Socket>();
  // Half-open allowed: an end is delivered after the delayed bytes before it, not at once.
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({
      port: options.upstreamPort,
      host: options.upstreamHost ?? '127.0.0.1',
      allowHalfOpen: true,
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    // The client could only send once the handshake's round trip was over.
    const handshakeDone = performance.now() + options.rttMs + oneWay;
    const up = new DelayedPipe(upstream, oneWay, options.jitter, handshakeDone);
    const down = new DelayedPipe(client, oneWay, options.jitter, performance.now());
    client.on('data', (chunk) => {
      up.push(chunk);
    });
    upstream.on('data', (chunk) => {
      down.push(chunk);
    });
    // A FIN (or a close without one) follows the bytes sent before it.
    for (const event of ['end', 'close'] as const) {
      client.on(event, () => {
        up.end();
      });
      upstream.on(event, () => {
        down.end();
      });
    }
    // A reset on one side resets the other: what a real path does with a dead peer.
    const reset = (): void => {
      up.stop();
      down.stop();
      client.destroy();
      upstream.destroy();
    };
    client.on('error', reset);
    upstream.on('error', reset);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
