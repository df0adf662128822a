import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import { freePort } from '../support/free-port.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/** What a process in memory that never launches Chromium has no use for. */
const UNUSED = ['playwright-core', 'ioredis', '@socket.io/redis-streams-adapter'];

/**
 * Loading playwright-core costs a server 0.6 s of CPU, ioredis and the Redis adapter about
 * 0.1 s more: a process in memory that never launches Chromium must never load them, so a
 * start (or a restart, with people waiting) is that much sooner. The proof: a server whose
 * Node refuses to resolve them at all (module hooks, registered before the app) still
 * starts, and resolves a video from TikTok's page data.
 */
describe('a server in memory without a browser loads neither playwright-core nor Redis', () => {
  let dir: string;
  let fake: FakeTikTok;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wt-lazy-modules-'));
    const hooks = path.join(dir, 'hooks.mjs');
    await writeFile(
      hooks,
      [
        `const unused = ${JSON.stringify(UNUSED)};`,
        'export async function resolve(specifier, context, next) {',
        "  const name = unused.find((m) => specifier === m || specifier.startsWith(m + '/'));",
        '  if (name) throw new Error(`${name} was loaded`);',
        '  return next(specifier, context);',
        '}',
      ].join('\n'),
    );
    const register = path.join(dir, 'register.mjs');
    await writeFile(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    fake = await startFakeTikTok();
    server = await startServerProcess(
      {
        PORT: String(await freePort()),
        DATA_DIR: path.join(dir, 'data'),
        TIKTOK_ORIGIN: fake.origin,
        CHROMIUM_PATH: 'none',
      },
      30_000,
      ['--import', pathToFileURL(register).href],
    );
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts, and resolves a video from the page data', async () => {
    if (!server) throw new Error('no server');
    const link = encodeURIComponent('https://www.tiktok.com/@x/video/7400000000000000001');
    const response = await fetch(`${server.url}/api/resolve?url=${link}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: '7400000000000000001' });
    // The hook's refusal would have been logged as an error had anything asked for it.
    expect(JSON.stringify(server.logs)).not.toMatch(/ was loaded/);
  });
});
