import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';

/** The file in `DATA_DIR` that keeps a generated secret across restarts. */
export const SECRET_FILE = 'session-secret';
export const MIN_SECRET_LENGTH = 32;

/**
 * The secret that signs session tokens: `SESSION_SECRET` when set, otherwise the one
 * kept in `DATA_DIR` (generated at first start, mode 0600), so tokens survive a restart.
 * With `shared` (a Redis and a key: several processes serve the same rooms), the secret
 * without `SESSION_SECRET` is the first one any process kept there, so a token one process
 * issued proves who it is to every other: each has its own `DATA_DIR`.
 */
export async function loadSessionSecret(options: {
  secret: string | undefined;
  dataDir: string;
  shared?: { redis: Pick<Redis, 'set' | 'get'>; key: string };
}): Promise<string> {
  if (options.secret !== undefined) return options.secret;
  const kept = await keptSecret(options.dataDir);
  if (!options.shared) return kept;
  const { redis, key } = options.shared;
  // NX: the first process's secret stays; every later one adopts it.
  await redis.set(key, kept, 'NX');
  const stored = await redis.get(key);
  if (stored === null || stored.length < MIN_SECRET_LENGTH) {
    throw new Error(`Redis key ${key} holds no usable session secret`);
  }
  return stored;
}

/** The secret kept in `dataDir`, generated there at first start. */
async function keptSecret(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRET_FILE);
  const generated = randomBytes(32).toString('base64url');
  try {
    // `wx`: two processes starting at once keep whichever secret was written first.
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error: unknown) {
    if (!isAlreadyThere(error)) throw error;
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (stored.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable session secret (${String(stored.length)} characters)`);
  }
  return stored;
}

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && Reflect.get(error, 'code') === 'EEXIST';
}
