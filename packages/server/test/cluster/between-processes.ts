import { Redis } from 'ioredis';
import type { TwoProcesses } from './two-processes.js';

/** What the test heard the processes tell each other, and a way to stop listening. */
export interface Overheard {
  /** Each message that matched, as text. */
  messages: string[];
  close(): void;
}

/**
 * Listens to what a deployment's processes tell each other (`serverSideEmit`: Redis
 * pub/sub on the adapter's channel, msgpack encoded, so a message's strings are in its
 * bytes as they are) and keeps the messages whose text passes `match`.
 */
export async function overhear(
  cluster: Pick<TwoProcesses, 'redisUrl' | 'prefix'>,
  match: (text: string) => boolean,
): Promise<Overheard> {
  const listener = new Redis(cluster.redisUrl);
  const messages: string[] = [];
  listener.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
    const text = message.toString('latin1');
    if (match(text)) messages.push(text);
  });
  await listener.subscribe(`${cluster.prefix}socket.io#/#`);
  return {
    messages,
    close: () => {
      listener.disconnect();
    },
  };
}
