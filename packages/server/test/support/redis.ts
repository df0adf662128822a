import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

let started: { url: string; child: ChildProcess } | undefined;

/** Whether a Redis answers at `url` now (a refused probe is the answer "no"). */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * A Redis for tests: `REDIS_URL`, else the machine's 127.0.0.1:6379, else a
 * `redis-server` of our own on a free port (stopped when the test process exits).
 */
export async function testRedisUrl(): Promise<string> {
  const candidates = [process.env.REDIS_URL, 'redis://127.0.0.1:6379'].filter(
    (url): url is string => typeof url === 'string' && url.length > 0,
  );
  for (const url of candidates) if (await redisAnswers(url)) return url;
  if (started) return started.url;
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  process.once('exit', () => child.kill());
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  started = { url, child };
  return url;
}

/** A key prefix no other test run shares. */
export function uniquePrefix(): string {
  return `wt-test-${randomUUID()}:`;
}

/** Removes every key under `prefix` (the tests' own, never anyone else's). */
export async function removeKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
