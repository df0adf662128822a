import { randomBytes } from 'node:crypto';
import { startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { ServerProcess } from './processes.js';

/** Two real server processes (`main.ts`) of one deployment on one Redis, the fake TikTok behind both. */
export interface TwoProcesses {
  one: ServerProcess;
  two: ServerProcess;
  redisUrl: string;
  /** The deployment's Redis key prefix (`REDIS_KEY_PREFIX`). */
  prefix: string;
  fake: FakeTikTok;
  /** Stops both processes and the fake, and deletes the deployment's Redis keys. */
  stop(): Promise<void>;
}

export async function startTwoProcesses(): Promise<TwoProcesses> {
  const redisUrl = await testRedisUrl();
  const prefix = uniquePrefix();
  const fake = await startFakeTikTok();
  const env = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    TIKTOK_ORIGIN: fake.origin,
    // One deployment: every process signs and reads the same session tokens.
    SESSION_SECRET: randomBytes(32).toString('base64url'),
  };
  const [one, two] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
  return {
    one,
    two,
    redisUrl,
    prefix,
    fake,
    async stop() {
      await Promise.all([one.kill('SIGTERM'), two.kill('SIGTERM')]);
      await fake.close();
      await removeKeys(redisUrl, prefix);
    },
  };
}
