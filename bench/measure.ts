import { performance } from 'node:perf_hooks';

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Milliseconds `fn` takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs `fn` once per input, one after the other, returning each duration in ms. */
export async function sequential<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
): Promise<number[]> {
  const out: number[] = [];
  for (const input of inputs) out.push(await timed(() => fn(input)));
  return out;
}

export const ms = (value: number): string =>
  `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ratio = (value: number): string =>
  `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}x`;
