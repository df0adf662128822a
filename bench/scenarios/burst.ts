import { genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startApp } from '../app.js';
import { ms, ratio, timed } from '../measure.js';
import { SeedStyleResolver } from '../seed-baseline.js';
import { videoUrl, type BenchContext, type Section } from './types.js';

/** 50 distinct links pasted at once: this resolver (defaults) versus the seed's serial browser. */
export async function burst(ctx: BenchContext): Promise<Section> {
  const links = (offset: number): string[] =>
    Array.from({ length: 50 }, (_, i) => videoUrl(genericId(offset + i)));
  const app = await startApp(ctx.origin, { chromiumPath: ctx.chromiumPath });
  let ours: number;
  try {
    await app.resolver.resolve(videoUrl(genericId(49_999))); // warm: connections, JIT
    ours = await timed(async () => {
      const results = await Promise.all(links(50_000).map((url) => app.resolver.resolve(url)));
      if (results.some((video) => video.source !== 'page'))
        throw new Error('expected the page path');
    });
  } finally {
    await app.close();
  }
  const seed = new SeedStyleResolver(ctx.origin, ctx.chromiumPath);
  await seed.start();
  let seedTime: number;
  try {
    await seed.resolve(videoUrl(genericId(59_999)));
    seedTime = await timed(() => Promise.all(links(60_000).map((url) => seed.resolve(url))));
  } finally {
    await seed.stop();
  }
  const speedup = seedTime / ours;
  return {
    title: '50 distinct links at once',
    rows: [
      ['this resolver (default settings: 32 page jobs at once)', ms(ours)],
      ['baseline: seed-style serial single browser', ms(seedTime)],
      ['speed-up (target >= 50x)', ratio(speedup)],
    ],
    verdict: `${ratio(speedup)} faster than the seed-style serial browser`,
    pass: speedup >= 50,
  };
}
