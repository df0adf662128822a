import { readdir, readFile } from 'node:fs/promises';

/**
 * Memory (bytes) of a process and all its descendants; Linux only (/proc). Counted as PSS
 * (each shared page split between the processes sharing it), so Chromium's many helper
 * processes are not counted once per process for the same libraries; RSS where PSS is
 * not available.
 */
export async function processTreeRss(rootPid: number): Promise<number | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        try {
          const status = await readFile(`/proc/${name}/status`, 'utf8');
          const ppid = /^PPid:\s+(\d+)/m.exec(status)?.[1];
          const vmRss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
          if (ppid) parents.set(Number(name), Number(ppid));
          rss.set(Number(name), vmRss ? Number(vmRss) * 1024 : 0);
        } catch {
          // The process ended while we looked: it has no memory to count.
        }
      }),
  );
  if (!rss.has(rootPid)) return undefined;
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!inTree.has(pid) && inTree.has(ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const sizes = await Promise.all(
    [...inTree].map(async (pid) => (await proportionalSize(pid)) ?? rss.get(pid) ?? 0),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function proportionalSize(pid: number): Promise<number | undefined> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
    return pss ? Number(pss) * 1024 : undefined;
  } catch {
    return undefined; // not readable (older kernel, or the process ended): RSS is used instead
  }
}
