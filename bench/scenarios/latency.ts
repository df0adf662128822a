import { request } from 'undici';
import { browserOnlyId, genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startApp } from '../app.js';
import { ms, ratio, sequential, summarize } from '../measure.js';
import { SeedStyleResolver } from '../seed-baseline.js';
import { videoUrl, type BenchContext, type Section } from './types.js';

async function expectSource(promise: Promise<{ source: string }>, source: string): Promise<void> {
  const video = await promise;
  if (video.source !== source) throw new Error(`expected source ${source}, got ${video.source}`);
}

/** Resolve latency by path (cache, page, browser), the page path's own overhead, and the seed. */
export async function latency(ctx: BenchContext): Promise<Section[]> {
  const app = await startApp(ctx.origin, { chromiumPath: ctx.chromiumPath });
  const seed = new SeedStyleResolver(ctx.origin, ctx.chromiumPath);
  await seed.start();
  try {
    const { resolver } = app;
    // Page path: distinct ids, one after the other (the first ten warm up).
    const pageIds = Array.from({ length: 110 }, (_, i) => genericId(10_000 + i));
    const page = (
      await sequential(pageIds, (id) => expectSource(resolver.resolve(videoUrl(id)), 'page'))
    ).slice(10);
    // The transport alone: the same page fetched and read, nothing parsed.
    const rawIds = Array.from({ length: 110 }, (_, i) => genericId(20_000 + i));
    const raw = (
      await sequential(rawIds, async (id) => {
        const res = await request(`${ctx.origin}/@bench/video/${id}`, {
          headers: { 'user-agent': 'Mozilla/5.0 bench' },
        });
        await res.body.text();
      })
    ).slice(10);
    // Cache hits.
    const cached = await sequential(Array.from({ length: 2000 }), () =>
      expectSource(resolver.resolve(videoUrl(pageIds[0] ?? '')), 'cache'),
    );
    // Browser path: pages whose data only appears after their scripts ran (first two warm up).
    const browserIds = Array.from({ length: 22 }, (_, i) => browserOnlyId(30_000 + i));
    const browser = (
      await sequential(browserIds, (id) => expectSource(resolver.resolve(videoUrl(id)), 'browser'))
    ).slice(2);
    // The seed's design: one page in one serial browser per link (browser already running).
    const seedIds = Array.from({ length: 22 }, (_, i) => genericId(40_000 + i));
    const seedTimes = (await sequential(seedIds, (id) => seed.resolve(videoUrl(id)))).slice(2);

    const p = summarize(page);
    const r = summarize(raw);
    const c = summarize(cached);
    const b = summarize(browser);
    const s = summarize(seedTimes);
    const overhead = p.median - ctx.delayMs;
    const ownCost = p.median - r.median;
    const row = (name: string, x: ReturnType<typeof summarize>): [string, string] => [
      name,
      `median ${ms(x.median)}, p95 ${ms(x.p95)} (n=${x.n})`,
    ];
    return [
      {
        title: 'Resolve latency by path',
        rows: [
          row('cache hit', c),
          row('page path (HTTP + page JSON)', p),
          row('browser path (headless Chromium)', b),
          row('baseline: seed-style browser page per link', s),
        ],
        note: 'The browser path is the fallback for pages without data: it includes the page path that found none, a fresh browser context, and the page fetching its data from the item API (another origin delay). The seed-style baseline reads ordinary pages that carry their data, in an already running browser.',
        verdict: `page path ${ratio(s.median / p.median)} faster than the seed-style browser; cache hit ${ratio(p.median / c.median)} faster than the page path`,
        pass: undefined,
      },
      {
        title: 'Page path overhead above the origin',
        rows: [
          ['origin delay (configured)', ms(ctx.delayMs)],
          [
            'raw GET of the same ~300 KB page (baseline)',
            `median ${ms(r.median)}, p95 ${ms(r.p95)}`,
          ],
          ['page path', `median ${ms(p.median)}, p95 ${ms(p.p95)}`],
          ['overhead above the delay (target < 5 ms)', ms(overhead)],
          ['of which parsing and the resolver (page path - raw GET)', ms(ownCost)],
        ],
        verdict: `overhead ${ms(overhead)} median above the origin's ${ms(ctx.delayMs)} delay`,
        pass: overhead < 5,
      },
    ];
  } finally {
    await seed.stop();
    await app.close();
  }
}
