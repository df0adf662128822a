import { request } from 'undici';
import { genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import { startApp } from '../app.js';
import { mb, ms, ratio, timed } from '../measure.js';
import { videoUrl, type BenchContext, type Section } from './types.js';

async function tenViewers(ctx: BenchContext, maxFileBytes: number | undefined, id: string) {
  const app = await startApp(
    ctx.origin,
    { chromiumPath: false },
    maxFileBytes ? { maxFileBytes } : {},
  );
  try {
    const video = await app.resolver.resolve(videoUrl(id));
    await ctx.reset();
    let served = 0;
    const time = await timed(() =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          const res = await request(`${app.base}${video.mediaUrl}`);
          if (res.statusCode !== 200) throw new Error(`media answered ${res.statusCode}`);
          for await (const chunk of res.body) {
            const value: unknown = chunk;
            if (Buffer.isBuffer(value)) served += value.length;
          }
        }),
      ),
    );
    const upstream = (await ctx.stats()).cdnBytes;
    return { time, served, upstream };
  } finally {
    await app.close();
  }
}

/** Ten viewers of one video: one download from the CDN, served ten times. */
export async function media(ctx: BenchContext): Promise<Section> {
  const ours = await tenViewers(ctx, undefined, genericId(80_000));
  const passthrough = await tenViewers(ctx, 1, genericId(80_001));
  const files = ours.upstream / ctx.videoBytes;
  const throughput = (bytes: number, time: number): string =>
    `${(bytes / 1024 / 1024 / (time / 1000)).toFixed(0)} MB/s`;
  return {
    title: 'Media: 10 viewers of one video',
    rows: [
      ['video size', mb(ctx.videoBytes)],
      [
        'served to viewers',
        `${mb(ours.served)} in ${ms(ours.time)} (${throughput(ours.served, ours.time)})`,
      ],
      ['fetched upstream (must be one file)', `${mb(ours.upstream)} = ${files.toFixed(2)} file(s)`],
      [
        'baseline: proxy without byte cache, fetched upstream',
        `${mb(passthrough.upstream)} = ${(passthrough.upstream / ctx.videoBytes).toFixed(2)} files, ${ms(passthrough.time)} (${throughput(passthrough.served, passthrough.time)})`,
      ],
    ],
    verdict: `${ratio(passthrough.upstream / Math.max(1, ours.upstream))} less upstream traffic than a plain proxy`,
    pass: ours.upstream === ctx.videoBytes,
    note: 'The baseline is the same media path with caching disabled (every file streamed through, Range passed on); it also shows the first download attempt, stopped as soon as the size says the file is not to be cached, hence a little more than 10 files.',
  };
}
