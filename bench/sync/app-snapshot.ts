import { access, cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStamp } from './environment.js';

const root = new URL('../../', import.meta.url).pathname;
const PACKAGES = ['protocol', 'room', 'server', 'web'];

export interface AppSnapshot {
  /** The server's entry point in the copy. */
  entry: string;
  /** The build copied (see `buildStamp`). */
  stamp: string;
  remove(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false; // Not there (the only reason `access` fails here).
  }
}

async function copyBuild(dir: string): Promise<void> {
  for (const name of PACKAGES) {
    const from = join(root, 'packages', name);
    const to = join(dir, 'packages', name);
    await mkdir(to, { recursive: true });
    await cp(join(from, 'package.json'), join(to, 'package.json'));
    await cp(join(from, 'dist'), join(to, 'dist'), { recursive: true });
    // A package's own dependencies (versions the root cannot hoist, e.g. lru-cache 11 for
    // the server beside an older one at the root) are where Node looks first.
    if (await exists(join(from, 'node_modules'))) {
      await symlink(join(from, 'node_modules'), join(to, 'node_modules'));
    }
  }
  // Every dependency is the repository's, but @wt/* are the copies.
  const modules = join(dir, 'node_modules');
  await mkdir(join(modules, '@wt'), { recursive: true });
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry !== '@wt') await symlink(join(root, 'node_modules', entry), join(modules, entry));
  }
  for (const name of PACKAGES) {
    await symlink(join(dir, 'packages', name), join(modules, '@wt', name));
  }
}

/**
 * A private copy of the built app (the packages' `dist` and package.json), so that a
 * rebuild in the working tree during the benchmark (`npm run build`, tests) cannot change
 * what is measured half-way. Run `npm run build` first.
 */
export async function snapshotApp(): Promise<AppSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'wt-bench-app-'));
  for (let attempt = 1; ; attempt++) {
    const stamp = await buildStamp();
    await copyBuild(dir);
    if ((await buildStamp()) === stamp) {
      return {
        entry: join(dir, 'packages/server/dist/main.js'),
        stamp,
        remove: () => rm(dir, { recursive: true, force: true }),
      };
    }
    // A build ran while copying: copy again.
    if (attempt >= 3) throw new Error('the app kept being rebuilt while the bench copied it');
    await rm(join(dir, 'packages'), { recursive: true, force: true });
    await rm(join(dir, 'node_modules'), { recursive: true, force: true });
  }
}
