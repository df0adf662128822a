import { spawn } from 'node:child_process';
import { freePort } from '../../packages/server/test/support/free-port.js';

export interface AppProcess {
  url: string;
  /** What the app printed (its log, level warn). */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the built server at `entry` as `npm start` does, on a free port; waits for /health. */
export async function startAppProcess(
  entry: string,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false, // not listening yet
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
