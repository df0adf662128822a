import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/ops/config.js';
import { createLogger } from '../../src/ops/logger.js';
import { startServer, type RunningServer, type ServerParts } from '../../src/server.js';
import { startFakeTikTok, type FakeTikTok, type FakeTikTokOptions } from '../fake-tiktok/server.js';

export interface TestServer extends RunningServer {
  /** The fake TikTok this server resolves against (TIKTOK_ORIGIN). */
  fake: FakeTikTok;
}

/**
 * A real server on a free port, quiet, with the real resolver pointed at a fresh fake
 * TikTok origin (no browser fallback unless CHROMIUM_PATH is given). Settings can be
 * overridden per test. Unless the test names a `DATA_DIR`, the room snapshot goes to a
 * fresh temporary directory, removed on close.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  parts: ServerParts = {},
  fakeOptions: FakeTikTokOptions = {},
): Promise<TestServer> {
  const fake = await startFakeTikTok(fakeOptions);
  const ownDataDir =
    env.DATA_DIR === undefined ? await mkdtemp(path.join(tmpdir(), 'wt-test-data-')) : undefined;
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CHROMIUM_PATH: 'none',
    TIKTOK_ORIGIN: fake.origin,
    // Its own signing secret, so no test writes one into DATA_DIR unless it asks to
    // (pass SESSION_SECRET: '' for the generated one).
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ...(ownDataDir === undefined ? {} : { DATA_DIR: ownDataDir }),
    ...env,
  });
  const server = await startServer(config, {
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...parts,
  });
  return {
    ...server,
    fake,
    async close() {
      await server.close();
      await fake.close();
      if (ownDataDir !== undefined) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}
