import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** Newest modification time under `dir`, ms (0 if absent). */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 0;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return latest;
}

/**
 * Identifies the build the bench measures: the web app's index.html (it names its hashed
 * bundles) and the newest file of each package's dist. Another build during a run
 * (a shared working tree) changes it.
 */
export async function buildStamp(): Promise<string> {
  const hash = createHash('sha256');
  try {
    hash.update(await readFile(join(root, 'packages/web/dist/index.html')));
  } catch (error: unknown) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    hash.update('no web build');
  }
  for (const name of ['protocol', 'room', 'server']) {
    hash.update(String(await newest(join(root, 'packages', name, 'dist'))));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The machine's 1-minute load average, for reading how busy the two cores were. */
export const load = (): string => (loadavg()[0] ?? 0).toFixed(1);
