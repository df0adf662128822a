import { extractFromPage } from '../../packages/server/src/resolver/page/page-extractor.js';
import { UpstreamClient } from '../../packages/server/src/resolver/net/upstream.js';
import { DEFAULT_USER_AGENT } from '../../packages/server/src/resolver/index.js';
import { genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startApp } from '../app.js';
import { ms, timed } from '../measure.js';
import { videoUrl, type BenchContext, type Section } from './types.js';

/** 100 concurrent requests for one video: one upstream fetch (single flight). */
export async function flight(ctx: BenchContext): Promise<Section> {
  const app = await startApp(ctx.origin, { chromiumPath: false });
  let ours: number;
  let ourFetches: number;
  try {
    await ctx.reset();
    const id = genericId(70_000);
    ours = await timed(() =>
      Promise.all(Array.from({ length: 100 }, () => app.resolver.resolve(videoUrl(id)))),
    );
    ourFetches = (await ctx.stats()).pages;
  } finally {
    await app.close();
  }
  // Baseline: the same page extractor without cache or single flight.
  const client = new UpstreamClient({ tiktokOrigin: ctx.origin });
  let naive: number;
  let naiveFetches: number;
  try {
    await ctx.reset();
    const id = genericId(70_001);
    naive = await timed(() =>
      Promise.all(
        Array.from({ length: 100 }, () =>
          extractFromPage(
            client,
            DEFAULT_USER_AGENT,
            id,
            videoUrl(id),
            AbortSignal.timeout(60_000),
          ),
        ),
      ),
    );
    naiveFetches = (await ctx.stats()).pages;
  } finally {
    await client.close();
  }
  return {
    title: '100 concurrent requests for one id',
    rows: [
      ['upstream page fetches, this resolver (must be 1)', String(ourFetches)],
      ['time for all 100', ms(ours)],
      ['baseline: same extractor, no single flight: upstream fetches', String(naiveFetches)],
      ['baseline: time for all 100', ms(naive)],
    ],
    verdict: `${ourFetches} upstream fetch instead of ${naiveFetches}`,
    pass: ourFetches === 1,
  };
}
