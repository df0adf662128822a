import type { ChildProcess } from 'node:child_process';

/** Every child process the load benchmark started and has not seen exit. */
const live = new Set<ChildProcess>();

/** Remembers `child` until it exits, so `killAll` can end it on any failure. */
export function track<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Sends `signal` (`none`: it was asked to stop already), waits for the exit; SIGKILL after `graceMs`. */
export async function stopChild(
  child: ChildProcess,
  graceMs: number,
  signal: NodeJS.Signals | 'none' = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  if (signal !== 'none') child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills every child still running (the harness's `finally`, and process exit). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child, 2000, 'SIGKILL')));
}

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * While the load benchmark runs, SIGINT or SIGTERM kills its children before the bench
 * exits (Node's default exit on a signal runs no `finally` and no `exit` handler).
 * Returns the function that removes the handlers.
 */
export function killChildrenOnSignal(): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
