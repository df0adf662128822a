import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Stand-ins for Chromium's executable, to make its launch slow, stalled or broken on
 * purpose (a cold launch on a loaded machine, a launch that hangs, one that fails).
 */
export interface Launchers {
  /** Sleeps `seconds`, then becomes the real Chromium. */
  slow(seconds: number): Promise<string>;
  /** Never becomes a browser; writes its pid to `stalledPid()` first. */
  stalled(): Promise<string>;
  /** The pid the stalled launcher wrote (undefined before it ran). */
  stalledPid(): Promise<number | undefined>;
  /** Exits at once with an error. */
  broken(): Promise<string>;
  remove(): Promise<void>;
}

export async function makeLaunchers(): Promise<Launchers> {
  const dir = await mkdtemp(join(tmpdir(), 'wt-launchers-'));
  const pidFile = join(dir, 'stalled.pid');
  const script = async (name: string, body: string): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };
  return {
    slow: (seconds) =>
      script(`chromium-slow-${seconds}`, `sleep ${seconds}\nexec ${CHROMIUM} "$@"`),
    stalled: () => script('chromium-stalled', `echo $$ > ${pidFile}\nexec sleep 120`),
    async stalledPid() {
      try {
        return Number((await readFile(pidFile, 'utf8')).trim());
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') return undefined; // the launcher has not run yet
        throw error;
      }
    },
    broken: () => script('chromium-broken', 'echo "cannot start" >&2\nexit 3'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Whether a process with this pid exists (signal 0 only checks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ESRCH') return false;
    throw error;
  }
}

function errnoOf(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}

export async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
