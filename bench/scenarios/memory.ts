import { browserOnlyId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startApp } from '../app.js';
import { mb, ratio } from '../measure.js';
import { videoUrl, type BenchContext, type Section } from './types.js';

const sleep = (time: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, time));

/** Resident memory of the browser pool (Chromium and its helpers) at rest and under load. */
export async function memory(ctx: BenchContext): Promise<Section> {
  const app = await startApp(ctx.origin, { chromiumPath: ctx.chromiumPath });
  try {
    const { resolver } = app;
    const before = await resolver.browserMemoryBytes();
    await resolver.resolve(videoUrl(browserOnlyId(90_000)));
    await sleep(1_000);
    const rest = await resolver.browserMemoryBytes();
    let peak = 0;
    const sampling = { on: true };
    const sampler = (async () => {
      while (sampling.on) {
        peak = Math.max(peak, await resolver.browserMemoryBytes());
        await sleep(50);
      }
    })();
    const ids = Array.from({ length: 20 }, (_, i) => browserOnlyId(90_100 + i));
    await Promise.all(ids.map((id) => resolver.resolve(videoUrl(id))));
    sampling.on = false;
    await sampler;
    await sleep(1_000);
    const after = await resolver.browserMemoryBytes();
    const inspection = resolver.inspect();
    return {
      title: 'Browser pool memory (Chromium process tree, PSS)',
      rows: [
        ['before first use (not launched)', mb(before)],
        ['at rest (launched, no pages)', mb(rest)],
        ['peak under load (20 browser-only links at once, 2 pages at a time)', mb(peak)],
        ['at rest again afterwards (pages closed)', mb(after)],
        [
          'browser launches / open contexts after the load',
          `${inspection.browserLaunches} / ${inspection.browserContexts}`,
        ],
      ],
      verdict: `under load ${ratio(peak / Math.max(1, rest))} the resting footprint; back to ${mb(after)} after`,
      pass: inspection.browserContexts === 0 && inspection.browserLaunches === 1,
      note: 'PSS of the Chromium process tree (shared pages split between processes). The resolver closes the browser after 10 idle minutes, so at rest for longer it holds nothing.',
    };
  } finally {
    await app.close();
  }
}
