import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../../../..');
const entry = path.join(root, 'packages/server/src/main.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote so far. */
  logs: Record<string, unknown>[];
  /** Ends the process with `signal` and waits for it to be gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The real server as its own process, from source (`node --conditions=source --import tsx
 * packages/server/src/main.ts`), resolved once it logs the URL it listens on.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  /** Node's own options before the entry (an `--import` of a test's module hooks). */
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const args = [...nodeArgs, '--conditions=source', '--import', 'tsx', entry];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start in time:\n${errors}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${errors}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = logLine(line);
      logs.push(parsed);
      if (parsed.msg === 'TikTok Watch Together is listening' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    });
  });
  return {
    url,
    child,
    logs,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A pino JSON line as an object; any other output is kept as `{text}`. */
function logLine(line: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null) return { ...parsed };
  } catch (error: unknown) {
    return { text: line, notJson: String(error) };
  }
  return { text: line };
}
