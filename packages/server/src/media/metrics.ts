import { Counter, Gauge, type Registry } from 'prom-client';

export interface MediaMetrics {
  bytesServed: Counter;
  bytesUpstream: Counter;
  downloads: Counter<'outcome'>;
}

export function createMediaMetrics(
  registry: Registry,
  cacheState: () => { bytes: number; files: number },
): MediaMetrics {
  const registers = [registry];
  new Gauge({
    name: 'wt_media_cache_bytes',
    help: 'Bytes of video held by the media byte cache',
    registers,
    collect() {
      this.set(cacheState().bytes);
    },
  });
  new Gauge({
    name: 'wt_media_cache_files',
    help: 'Videos held (or downloading) in the media byte cache',
    registers,
    collect() {
      this.set(cacheState().files);
    },
  });
  return {
    bytesServed: new Counter({
      name: 'wt_media_bytes_served_total',
      help: 'Video bytes sent to viewers by the media path',
      registers,
    }),
    bytesUpstream: new Counter({
      name: 'wt_media_bytes_upstream_total',
      help: 'Video bytes fetched from TikTok’s CDN',
      registers,
    }),
    downloads: new Counter({
      name: 'wt_media_downloads_total',
      help: 'Whole-video downloads into the byte cache, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
