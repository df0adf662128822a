import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const startedSchema = z.object({ origin: z.string(), videoBytes: z.number() });
const statsSchema = z.object({
  pageHits: z.record(z.string(), z.number()),
  shortLinkHits: z.number(),
  apiHits: z.number(),
  cdnRequests: z.number(),
  cdnBytes: z.number(),
  maxConcurrentPages: z.number(),
});
export type FakeStatsView = z.infer<typeof statsSchema> & { pages: number };

export interface FakeProcess {
  origin: string;
  videoBytes: number;
  stats(): Promise<FakeStatsView>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `bench/fake-process.ts` in a child process and talks to its control endpoints. */
export async function startFakeProcess(env: {
  delayMs: number;
  pageBytes: number;
  video?: string | undefined;
}): Promise<FakeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      new URL('./fake-process.ts', import.meta.url).pathname,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        FAKE_DELAY_MS: String(env.delayMs),
        FAKE_PAGE_BYTES: String(env.pageBytes),
        ...(env.video ? { FAKE_VIDEO: env.video } : {}),
      },
    },
  );
  const lines = createInterface({ input: child.stdout });
  const first: string = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => {
      reject(new Error(`fake origin exited (${String(code)})`));
    });
  });
  const started = startedSchema.parse(JSON.parse(first));
  const call = async (path: string): Promise<FakeStatsView> => {
    const res = await fetch(`${started.origin}${path}`);
    const stats = statsSchema.parse(await res.json());
    return { ...stats, pages: Object.values(stats.pageHits).reduce((a, b) => a + b, 0) };
  };
  return {
    ...started,
    stats: () => call('/__fake/stats'),
    reset: async () => {
      await call('/__fake/reset');
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.stdin.end();
      }),
  };
}
