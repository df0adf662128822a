import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSessionSecret, SECRET_FILE } from '../../src/session/session-secret.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

describe('the session secret', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'wt-secret-'));
    dirs.push(dir);
    return dir;
  }

  it('is SESSION_SECRET when set, and nothing is written', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const secret = 'x'.repeat(40);
    expect(await loadSessionSecret({ secret, dataDir })).toBe(secret);
    await expect(stat(dataDir)).rejects.toThrow();
  });

  it('is generated once into a missing DATA_DIR (mode 0600) and read back after', async () => {
    const dataDir = path.join(await tempDir(), 'nested', 'data');
    const first = await loadSessionSecret({ secret: undefined, dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, SECRET_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    expect(await loadSessionSecret({ secret: undefined, dataDir })).toBe(first);
  });

  it('refuses a kept secret that is too short', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, SECRET_FILE), 'short\n');
    await expect(loadSessionSecret({ secret: undefined, dataDir })).rejects.toThrow(
      /no usable session secret/,
    );
  });

  it('with Redis, every process adopts the secret the first one kept (each its own DATA_DIR)', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix();
    const redis = new Redis(url);
    try {
      const shared = { redis, key: `${prefix}session-secret` };
      const [oneDir, twoDir] = [await tempDir(), await tempDir()];
      const one = await loadSessionSecret({ secret: undefined, dataDir: oneDir, shared });
      const two = await loadSessionSecret({ secret: undefined, dataDir: twoDir, shared });
      expect(two).toBe(one);
      expect(await redis.get(shared.key)).toBe(one);
      // The second process kept a secret of its own, which it does not use.
      expect((await readFile(path.join(twoDir, SECRET_FILE), 'utf8')).trim()).not.toBe(one);
      // SESSION_SECRET still wins, and leaves Redis alone.
      const set = 'y'.repeat(40);
      expect(await loadSessionSecret({ secret: set, dataDir: twoDir, shared })).toBe(set);
      expect(await redis.get(shared.key)).toBe(one);
    } finally {
      redis.disconnect();
      await removeKeys(url, prefix);
    }
  });
});
