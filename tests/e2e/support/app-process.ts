import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../../packages/server/test/support/free-port.js';

const root = path.resolve(import.meta.dirname, '../../..');
export const serverEntry = path.join(root, 'packages/server/dist/main.js');

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the built server (`npm start`'s command) on a free port and waits for /health.
 * `entry` picks another copy of the build (the benchmarks measure a private one).
 */
export async function startApp(
  env: Record<string, string> = {},
  entry: string = serverEntry,
): Promise<AppProcess> {
  // A restart on the same address passes its PORT (and its DATA_DIR) again.
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  // Each app its own room snapshot, so runs never see each other's rooms.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wt-e2e-data-'));
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => {
          resolve(code);
        });
        child.kill(signal);
      });
    },
  };
}
