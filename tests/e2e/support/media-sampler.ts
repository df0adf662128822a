import type { Page } from 'playwright-core';

/** One reading of the `<video>` on screen, taken inside the page. */
export interface Sample {
  /** Wall clock, ms (`performance.timeOrigin + performance.now()`). */
  at: number;
  src: string | null;
  /** `currentTime`, seconds. */
  time: number;
  /** Paused, or armed at rate 0: not running. */
  paused: boolean;
  /** What the countdown overlay says, if it is up. */
  countdown: string | null;
}

const KEY = '__wtSamples';
const INTERVAL_MS = 10;
const KEEP = 4_000;

/**
 * Samples the `<video>` on screen every 10 ms inside the page, so the figures carry no
 * test-runner latency: only the page's own clock and the element's own time.
 */
function sampler({ key, interval, keep }: { key: string; interval: number; keep: number }) {
  const samples: unknown[] = [];
  Reflect.set(window, key, samples);
  setInterval(() => {
    const video = document.querySelector('[data-testid="video-element"]');
    if (!(video instanceof HTMLVideoElement)) return;
    samples.push({
      at: performance.timeOrigin + performance.now(),
      src: video.getAttribute('src'),
      time: video.currentTime,
      paused: video.paused || video.playbackRate === 0,
      countdown: document.querySelector('.countdown-number')?.textContent ?? null,
    });
    if (samples.length > keep) samples.splice(0, samples.length - keep);
  }, interval);
}

export async function installSampler(page: Page): Promise<void> {
  await page.evaluate(sampler, { key: KEY, interval: INTERVAL_MS, keep: KEEP });
}

/** The same, from the very start of every document the page loads. */
export async function installSamplerOnLoad(page: Page): Promise<void> {
  await page.addInitScript(sampler, { key: KEY, interval: INTERVAL_MS, keep: KEEP });
}

function isSample(value: unknown): value is Sample {
  if (typeof value !== 'object' || value === null) return false;
  const at: unknown = Reflect.get(value, 'at');
  const time: unknown = Reflect.get(value, 'time');
  return typeof at === 'number' && typeof time === 'number';
}

export async function readSamples(page: Page): Promise<Sample[]> {
  const raw = await page.evaluate((key): unknown => Reflect.get(window, key), KEY);
  return Array.isArray(raw) ? raw.filter(isSample) : [];
}

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The wall-clock moment the clip `id` started on screen from `position` (after `after`):
 * each sample of its first second running says `at - (currentTime - position)`; their
 * median is robust to a late sample.
 */
export function switchInstant(
  samples: readonly Sample[],
  id: string,
  position = 0,
  after = 0,
): number | undefined {
  const src = `/media/${id}.mp4`;
  const early = samples.filter(
    (s) =>
      s.src === src &&
      s.at > after &&
      !s.paused &&
      s.time > position + 0.02 &&
      s.time < position + 1,
  );
  return median(early.map((s) => s.at - (s.time - position) * 1000));
}

/** When the countdown first said "Go!" after `after`. */
export function goInstant(samples: readonly Sample[], after: number): number | undefined {
  return samples.find((s) => s.at > after && s.countdown === 'Go!')?.at;
}

/** The wall-clock moment the running clip passed position 0, from the latest samples. */
export function runOrigin(samples: readonly Sample[]): number | undefined {
  const recent = samples.slice(-10).filter((s) => !s.paused);
  return median(recent.map((s) => s.at - s.time * 1000));
}

/**
 * The clip `id`'s origin (`at - currentTime`, wall clock) in the samples of
 * `[start, start + bucketMs)` while it ran: their median, or undefined without any.
 */
function bucketOrigin(
  samples: readonly Sample[],
  id: string,
  start: number,
  bucketMs: number,
): number | undefined {
  const src = `/media/${id}.mp4`;
  return median(
    samples
      .filter((s) => s.src === src && !s.paused && s.at >= start && s.at < start + bucketMs)
      .map((s) => s.at - s.time * 1000),
  );
}

/**
 * Where each page's clip `id` stood over `[from, to)` (wall clock): per `bucketMs` slice,
 * its origin against `zero`, as lines to print when a check fails, so that a run that
 * went wrong says how (a page late, early, stalled, or caught up).
 */
export function originLines(
  pages: Readonly<Record<string, readonly Sample[]>>,
  id: string,
  zero: number,
  from: number,
  to: number,
  bucketMs = 50,
): string[] {
  const lines: string[] = [];
  for (let start = from; start < to; start += bucketMs) {
    const cells = Object.entries(pages).map(([name, samples]) => {
      const origin = bucketOrigin(samples, id, start, bucketMs);
      return `${name} ${origin === undefined ? '-' : (origin - zero).toFixed(1)}`;
    });
    lines.push(`  +${(start - zero).toFixed(0)} ms: ${cells.join(', ')}`);
  }
  return lines;
}

/**
 * The largest gap between two pages while a clip runs, over `[from, to]` (wall clock):
 * in each `bucketMs` slice, how far apart their clips' origins (`at - currentTime`) are.
 */
export function worstGap(
  a: readonly Sample[],
  b: readonly Sample[],
  id: string,
  from: number,
  to: number,
  bucketMs = 50,
): number {
  let worst = 0;
  for (let start = from; start < to; start += bucketMs) {
    const x = bucketOrigin(a, id, start, bucketMs);
    const y = bucketOrigin(b, id, start, bucketMs);
    if (x !== undefined && y !== undefined) worst = Math.max(worst, Math.abs(x - y));
  }
  return worst;
}
